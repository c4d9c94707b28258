package dev.project51.agent.server.openai.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import tools.jackson.databind.JsonNode;

/**
 * A chat completions request, read and checked field by field: every field is either
 * honoured or refused with a 400 naming it (see {@code docs/agent-api.md} for the table).
 * Values are range-checked as OpenAI does.
 *
 * @param model the chain model to start at, {@code null} for the whole chain
 * @param direct whether the request offers client tools or continues a conversation with
 * them: it then goes to the chain directly, not through the agent's tool loop
 * @param messages all non-system messages (for direct requests)
 * @param history earlier user and assistant messages (for the agent's own loop)
 * @param message the last user message (for the agent's own loop)
 * @param systemText the client's system and developer messages, or {@code null}
 * @param parameters the parameters for the models
 * @param stream whether to stream
 * @param includeUsage whether a stream ends with a usage chunk
 * @param user the end user, or {@code null}
 */
record OpenAiRequest(String model, boolean direct, List<ChatMessage> messages, List<ChatMessage> history,
		String message, String systemText, OpenAiChatRequestParameters parameters, boolean stream, boolean includeUsage,
		String user) {

	/** Fields read by this class. */
	static final Set<String> FIELDS = Set.of("model", "messages", "stream", "stream_options", "temperature", "top_p",
			"n", "stop", "max_tokens", "max_completion_tokens", "presence_penalty", "frequency_penalty", "logit_bias",
			"seed", "response_format", "tools", "tool_choice", "parallel_tool_calls", "user", "logprobs",
			"top_logprobs", "store", "modalities", "functions", "function_call", "audio", "prediction",
			"web_search_options", "metadata", "service_tier", "reasoning_effort", "verbosity", "prompt_cache_key",
			"safety_identifier");

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	private static final int MAX_STOP_SEQUENCES = 4;

	private static final int MAX_TOOLS = 128;

	private static final int MAX_USER_LENGTH = 256;

	/**
	 * Reads a request body.
	 * @param body the body
	 * @param maxMessageLength the longest user or system message, in characters
	 * @param models resolves the requested model to a chain model name ({@code null} for
	 * the whole chain); throws for an unknown model
	 * @return the request
	 * @throws OpenAiException if a field is invalid or not supported
	 */
	static OpenAiRequest parse(JsonNode body, int maxMessageLength, Function<String, String> models) {
		if (body == null || !body.isObject()) {
			throw OpenAiException.invalid(null, "invalid_type",
					"The body must be a JSON object with \"model\" and \"messages\".");
		}
		for (String field : body.propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw OpenAiException.invalid(field, "unknown_parameter",
						"Unrecognized request argument supplied: " + field
								+ ". The agent refuses what it cannot honour; see docs/agent-api.md for the fields"
								+ " it supports.");
			}
		}
		refuseUnlessDefault(body, "logprobs", (node) -> node.isBoolean() && !node.asBoolean(), "false");
		refuseUnlessDefault(body, "top_logprobs", (node) -> node.isIntegralNumber() && node.asInt() == 0, "0");
		refuseUnlessDefault(body, "store", (node) -> node.isBoolean() && !node.asBoolean(), "false");
		refuseUnlessDefault(body, "modalities",
				(node) -> node.isArray() && node.size() == 1 && "text".equals(node.get(0).asString("")), "[\"text\"]");
		for (String unsupported : List.of("functions", "function_call", "audio", "prediction", "web_search_options",
				"metadata", "service_tier", "reasoning_effort", "verbosity", "prompt_cache_key", "safety_identifier")) {
			if (present(body, unsupported)) {
				String hint = unsupported.startsWith("function") ? " Use \"tools\" and \"tool_choice\" instead." : "";
				throw OpenAiException.invalid(unsupported, "unsupported_parameter",
						"Unsupported parameter: '" + unsupported + "' is not supported by this agent." + hint);
			}
		}
		String model = null;
		if (present(body, "model")) {
			model = models.apply(string(body, "model"));
		}
		OpenAiChatRequestParameters.Builder parameters = OpenAiChatRequestParameters.builder();
		parameters.temperature(number(body, "temperature", 0, 2));
		parameters.topP(number(body, "top_p", 0, 1));
		parameters.frequencyPenalty(number(body, "frequency_penalty", -2, 2));
		parameters.presencePenalty(number(body, "presence_penalty", -2, 2));
		if (present(body, "seed")) {
			parameters.seed((int) integer(body, "seed", Integer.MIN_VALUE, Integer.MAX_VALUE));
		}
		if (present(body, "n")) {
			long n = integer(body, "n", 1, Integer.MAX_VALUE);
			if (n > 1) {
				throw OpenAiException.invalid("n", "unsupported_value", "Unsupported value: 'n' must be 1, but was " + n
						+ "; the agent returns one choice. Send the request " + n + " times instead.");
			}
		}
		Integer maxTokens = present(body, "max_tokens") ? (int) integer(body, "max_tokens", 1, Integer.MAX_VALUE)
				: null;
		Integer maxCompletionTokens = present(body, "max_completion_tokens")
				? (int) integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE) : null;
		if (maxTokens != null && maxCompletionTokens != null && !maxTokens.equals(maxCompletionTokens)) {
			throw OpenAiException.invalid("max_tokens", "invalid_value", "'max_tokens' (" + maxTokens
					+ ") and 'max_completion_tokens' (" + maxCompletionTokens + ") disagree; send one of them.");
		}
		parameters.maxOutputTokens((maxCompletionTokens != null) ? maxCompletionTokens : maxTokens);
		parameters.stopSequences(stop(body));
		parameters.logitBias(logitBias(body));
		parameters.responseFormat(responseFormat(body));
		String user = null;
		if (present(body, "user")) {
			user = string(body, "user");
			if (user.length() > MAX_USER_LENGTH) {
				throw OpenAiException.invalid("user", "invalid_value",
						"'user' must be at most " + MAX_USER_LENGTH + " characters, but has " + user.length() + ".");
			}
			parameters.user(user);
		}
		List<ToolSpecification> tools = tools(body);
		ToolChoice toolChoice = null;
		if (present(body, "tool_choice")) {
			JsonNode choice = body.get("tool_choice");
			if (choice.isString()) {
				toolChoice = switch (choice.asString()) {
					case "none" -> ToolChoice.NONE;
					case "auto" -> ToolChoice.AUTO;
					case "required" -> ToolChoice.REQUIRED;
					default -> throw OpenAiException.invalid("tool_choice", "invalid_value",
							"Invalid value for 'tool_choice': use \"none\", \"auto\", \"required\" or"
									+ " {\"type\": \"function\", \"function\": {\"name\": ...}}, not \""
									+ choice.asString() + "\".");
				};
			}
			else if (choice.isObject() && "function".equals(choice.path("type").asString(""))
					&& choice.path("function").path("name").isString()) {
				String name = choice.path("function").path("name").asString();
				List<ToolSpecification> named = tools.stream().filter((tool) -> tool.name().equals(name)).toList();
				if (named.isEmpty()) {
					throw OpenAiException.invalid("tool_choice", "invalid_value",
							"'tool_choice' names the function '" + name + "', which is not in 'tools'.");
				}
				tools = named;
				toolChoice = ToolChoice.REQUIRED;
			}
			else {
				throw OpenAiException.invalid("tool_choice", "invalid_type",
						"Invalid type for 'tool_choice': use \"none\", \"auto\", \"required\" or"
								+ " {\"type\": \"function\", \"function\": {\"name\": ...}}.");
			}
			if (tools.isEmpty() && toolChoice == ToolChoice.REQUIRED) {
				throw OpenAiException.invalid("tool_choice", "invalid_value",
						"'tool_choice' \"required\" is only allowed when 'tools' are specified.");
			}
		}
		if (present(body, "parallel_tool_calls")) {
			boolean parallel = bool(body, "parallel_tool_calls");
			if (!tools.isEmpty()) {
				parameters.parallelToolCalls(parallel);
			}
		}
		if (!tools.isEmpty()) {
			parameters.toolSpecifications(tools);
			parameters.toolChoice(toolChoice);
		}
		boolean stream = present(body, "stream") && bool(body, "stream");
		boolean includeUsage = false;
		if (present(body, "stream_options")) {
			JsonNode options = body.get("stream_options");
			if (!options.isObject()) {
				throw OpenAiException.invalid("stream_options", "invalid_type",
						"Invalid type for 'stream_options': expected an object like {\"include_usage\": true}.");
			}
			if (!stream) {
				throw OpenAiException.invalid("stream_options", "invalid_value",
						"The 'stream_options' parameter is only allowed when 'stream' is enabled.");
			}
			for (String option : options.propertyNames()) {
				if (!option.equals("include_usage")) {
					throw OpenAiException.invalid("stream_options." + option, "unknown_parameter",
							"Unrecognized stream option: " + option + "; the agent supports include_usage.");
				}
			}
			includeUsage = present(options, "include_usage") && bool(options, "include_usage", "stream_options");
		}
		OpenAiMessages messages = OpenAiMessages.parse(body.get("messages"), maxMessageLength, !tools.isEmpty());
		return new OpenAiRequest(model, messages.direct || !tools.isEmpty(), messages.all, messages.history,
				messages.last, messages.system, parameters.build(), stream, includeUsage, user);
	}

	private static void refuseUnlessDefault(JsonNode body, String field, Predicate<JsonNode> isDefault,
			String defaultValue) {
		if (present(body, field) && !isDefault.test(body.get(field))) {
			throw OpenAiException.invalid(field, "unsupported_value", "Unsupported value: '" + field
					+ "' is not supported by this agent; omit it or send " + defaultValue + ".");
		}
	}

	static boolean present(JsonNode object, String field) {
		JsonNode node = object.get(field);
		return node != null && !node.isNull();
	}

	private static String string(JsonNode body, String field) {
		JsonNode node = body.get(field);
		if (!node.isString()) {
			throw OpenAiException.invalid(field, "invalid_type",
					"Invalid type for '" + field + "': expected a string, but got " + JsonSchemas.kind(node) + ".");
		}
		return node.asString();
	}

	private static boolean bool(JsonNode body, String field) {
		return bool(body, field, null);
	}

	private static boolean bool(JsonNode body, String field, String parent) {
		JsonNode node = body.get(field);
		String name = (parent != null) ? parent + "." + field : field;
		if (!node.isBoolean()) {
			throw OpenAiException.invalid(name, "invalid_type",
					"Invalid type for '" + name + "': expected a boolean, but got " + JsonSchemas.kind(node) + ".");
		}
		return node.asBoolean();
	}

	private static Double number(JsonNode body, String field, double min, double max) {
		if (!present(body, field)) {
			return null;
		}
		JsonNode node = body.get(field);
		if (!node.isNumber()) {
			throw OpenAiException.invalid(field, "invalid_type",
					"Invalid type for '" + field + "': expected a number, but got " + JsonSchemas.kind(node) + ".");
		}
		double value = node.asDouble();
		if (!(value >= min && value <= max)) {
			throw OpenAiException.invalid(field, "invalid_value", "Invalid '" + field + "': " + node
					+ " is out of range; it must be between " + format(min) + " and " + format(max) + ".");
		}
		return value;
	}

	private static long integer(JsonNode body, String field, long min, long max) {
		JsonNode node = body.get(field);
		if (!node.isIntegralNumber() && !(node.isNumber() && node.asDouble() == Math.rint(node.asDouble()))) {
			throw OpenAiException.invalid(field, "invalid_type",
					"Invalid type for '" + field + "': expected an integer, but got " + node + ".");
		}
		if (!node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
			throw OpenAiException.invalid(field, "invalid_value", "Invalid '" + field + "': " + node
					+ " is out of range; it must be between " + min + " and " + max + ".");
		}
		return node.asLong();
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	private static List<String> stop(JsonNode body) {
		if (!present(body, "stop")) {
			return null;
		}
		JsonNode stop = body.get("stop");
		List<String> sequences = new ArrayList<>();
		if (stop.isString()) {
			sequences.add(stop.asString());
		}
		else if (stop.isArray()) {
			for (JsonNode one : stop) {
				if (!one.isString()) {
					throw OpenAiException.invalid("stop", "invalid_type",
							"Invalid type for 'stop': expected a string or an array of strings, but an element is "
									+ JsonSchemas.kind(one) + ".");
				}
				sequences.add(one.asString());
			}
		}
		else {
			throw OpenAiException.invalid("stop", "invalid_type",
					"Invalid type for 'stop': expected a string or an array of strings, but got "
							+ JsonSchemas.kind(stop) + ".");
		}
		if (sequences.size() > MAX_STOP_SEQUENCES) {
			throw OpenAiException.invalid("stop", "invalid_value",
					"'stop' has " + sequences.size() + " sequences; at most " + MAX_STOP_SEQUENCES + " are allowed.");
		}
		if (sequences.stream().anyMatch(String::isEmpty)) {
			throw OpenAiException.invalid("stop", "invalid_value", "'stop' sequences must not be empty strings.");
		}
		return sequences.isEmpty() ? null : sequences;
	}

	private static Map<String, Integer> logitBias(JsonNode body) {
		if (!present(body, "logit_bias")) {
			return null;
		}
		JsonNode bias = body.get("logit_bias");
		if (!bias.isObject()) {
			throw OpenAiException.invalid("logit_bias", "invalid_type",
					"Invalid type for 'logit_bias': expected an object of token ids to numbers between -100 and 100.");
		}
		Map<String, Integer> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : bias.properties()) {
			if (!entry.getKey().matches("[0-9]{1,10}")) {
				throw OpenAiException.invalid("logit_bias", "invalid_value",
						"Invalid key in 'logit_bias': '" + entry.getKey() + "' is not a token id.");
			}
			JsonNode value = entry.getValue();
			if (!value.isNumber() || value.asDouble() < -100 || value.asDouble() > 100) {
				throw OpenAiException.invalid("logit_bias", "invalid_value", "Invalid value in 'logit_bias' for token "
						+ entry.getKey() + ": " + value + "; it must be a number between -100 and 100.");
			}
			values.put(entry.getKey(), (int) Math.round(value.asDouble()));
		}
		return values.isEmpty() ? null : values;
	}

	private static ResponseFormat responseFormat(JsonNode body) {
		if (!present(body, "response_format")) {
			return null;
		}
		JsonNode format = body.get("response_format");
		String type = format.isObject() ? format.path("type").asString("") : "";
		return switch (type) {
			case "text" -> ResponseFormat.TEXT;
			case "json_object" -> ResponseFormat.JSON;
			case "json_schema" -> {
				JsonNode schema = format.path("json_schema");
				String name = schema.path("name").asString("");
				if (!NAME.matcher(name).matches()) {
					throw OpenAiException.invalid("response_format.json_schema.name", "invalid_value",
							"'response_format.json_schema.name' must be 1 to 64 letters, digits, '_' or '-'.");
				}
				if (!schema.path("schema").isObject()) {
					throw OpenAiException.invalid("response_format.json_schema.schema", "invalid_value",
							"'response_format.json_schema.schema' must be a JSON Schema object.");
				}
				yield ResponseFormat.builder()
					.type(ResponseFormatType.JSON)
					.jsonSchema(JsonSchema.builder()
						.name(name)
						.rootElement(JsonSchemas.element(schema.get("schema"), "response_format.json_schema.schema", 0))
						.build())
					.build();
			}
			default -> throw OpenAiException.invalid("response_format", "invalid_value",
					"Invalid 'response_format': use {\"type\": \"text\"}, {\"type\": \"json_object\"} or"
							+ " {\"type\": \"json_schema\", \"json_schema\": {\"name\", \"schema\"}}.");
		};
	}

	private static List<ToolSpecification> tools(JsonNode body) {
		if (!present(body, "tools")) {
			return List.of();
		}
		JsonNode tools = body.get("tools");
		if (!tools.isArray()) {
			throw OpenAiException.invalid("tools", "invalid_type", "Invalid type for 'tools': expected an array.");
		}
		if (tools.size() > MAX_TOOLS) {
			throw OpenAiException.invalid("tools", "invalid_value",
					"'tools' has " + tools.size() + " tools; at most " + MAX_TOOLS + " are allowed.");
		}
		List<ToolSpecification> specifications = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < tools.size(); i++) {
			JsonNode tool = tools.get(i);
			String param = "tools[" + i + "]";
			if (!tool.isObject() || !"function".equals(tool.path("type").asString(""))
					|| !tool.path("function").isObject()) {
				throw OpenAiException.invalid(param, "invalid_value",
						"Invalid '" + param
								+ "': a tool must be {\"type\": \"function\", \"function\": {\"name\", \"description\","
								+ " \"parameters\"}}.");
			}
			JsonNode function = tool.get("function");
			String name = function.path("name").asString("");
			if (!NAME.matcher(name).matches()) {
				throw OpenAiException.invalid(param + ".function.name", "invalid_value", "Invalid '" + param
						+ ".function.name': '" + name + "' must be 1 to 64 letters, digits, '_' or '-'.");
			}
			if (!names.add(name)) {
				throw OpenAiException.invalid(param + ".function.name", "invalid_value",
						"Two tools are called '" + name + "'; tool names must be unique.");
			}
			JsonNode description = function.get("description");
			if (description != null && !description.isNull() && !description.isString()) {
				throw OpenAiException.invalid(param + ".function.description", "invalid_type",
						"Invalid type for '" + param + ".function.description': expected a string.");
			}
			ToolSpecification.Builder builder = ToolSpecification.builder()
				.name(name)
				.description((description != null && description.isString()) ? description.asString() : null);
			var parameters = JsonSchemas.object(function.get("parameters"), param + ".function.parameters");
			if (parameters != null) {
				builder.parameters(parameters);
			}
			specifications.add(builder.build());
		}
		return specifications;
	}

}
