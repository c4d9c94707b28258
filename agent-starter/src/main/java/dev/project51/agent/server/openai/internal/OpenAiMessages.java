package dev.project51.agent.server.openai.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import tools.jackson.databind.JsonNode;

/**
 * The {@code messages} of a chat completions request, read and checked one by one: the
 * client's system text, and either all messages (for a request that goes to the chain
 * directly) or the history and last user message (for the agent's own tool loop).
 */
final class OpenAiMessages {

	final List<ChatMessage> all = new ArrayList<>();

	List<ChatMessage> history;

	String last;

	String system;

	boolean direct;

	private OpenAiMessages() {
	}

	/**
	 * Reads the {@code messages} of a request.
	 * @param messages the array
	 * @param maxMessageLength the longest user or system message, in characters
	 * @param withTools whether the request offers tools
	 * @return the messages
	 * @throws OpenAiException if a message is invalid or not supported
	 */
	static OpenAiMessages parse(JsonNode messages, int maxMessageLength, boolean withTools) {
		if (messages == null || !messages.isArray() || messages.isEmpty()) {
			throw OpenAiException.invalid("messages", "invalid_value",
					"'messages' must be a non-empty array of {\"role\", \"content\"} objects.");
		}
		OpenAiMessages result = new OpenAiMessages();
		Map<String, String> toolNames = new HashMap<>();
		StringBuilder system = new StringBuilder();
		List<String> roles = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			JsonNode message = messages.get(i);
			String param = "messages[" + i + "]";
			if (!message.isObject() || !message.path("role").isString()) {
				throw OpenAiException.invalid(param, "invalid_type",
						"Invalid '" + param + "': every message must be an object with a string \"role\".");
			}
			String role = message.get("role").asString().toLowerCase(Locale.ROOT);
			switch (role) {
				case "system", "developer" -> {
					String text = content(message.get("content"), param, false);
					checkLength(text, param, maxMessageLength);
					if (!text.isBlank()) {
						if (system.length() > 0) {
							system.append("\n\n");
						}
						system.append(text);
					}
				}
				case "user" -> {
					String text = content(message.get("content"), param, false);
					checkLength(text, param, maxMessageLength);
					result.all.add(UserMessage.from(text.isEmpty() ? " " : text));
					roles.add(role);
				}
				case "assistant" -> {
					String text = content(message.get("content"), param, true);
					List<ToolExecutionRequest> calls = toolCalls(message.get("tool_calls"), param, toolNames);
					if (OpenAiRequest.present(message, "function_call")) {
						throw OpenAiException.invalid(param + ".function_call", "unsupported_parameter",
								"'function_call' is not supported; use 'tool_calls'.");
					}
					if (calls.isEmpty()) {
						result.all.add(AiMessage.from(text));
					}
					else {
						result.direct = true;
						result.all.add(text.isEmpty() ? AiMessage.from(calls) : AiMessage.from(text, calls));
					}
					roles.add(role);
				}
				case "tool" -> {
					JsonNode id = message.get("tool_call_id");
					if (id == null || !id.isString() || id.asString().isEmpty()) {
						throw OpenAiException.invalid(param + ".tool_call_id", "invalid_value",
								"Invalid '" + param + "': a tool message needs the \"tool_call_id\" it answers.");
					}
					String name = toolNames.get(id.asString());
					if (name == null) {
						throw OpenAiException.invalid(param + ".tool_call_id", "invalid_value",
								"Invalid '" + param + ".tool_call_id': '" + id.asString()
										+ "' answers no tool call of an earlier assistant message.");
					}
					result.all.add(ToolExecutionResultMessage.from(id.asString(), name,
							content(message.get("content"), param, false)));
					result.direct = true;
					roles.add(role);
				}
				case "function" -> throw OpenAiException.invalid(param + ".role", "unsupported_value",
						"The role 'function' is not supported; use tools and 'tool' messages.");
				default -> throw OpenAiException.invalid(param + ".role", "invalid_value", "Invalid '" + param
						+ ".role': '" + role + "'; use system, developer, user, assistant or tool.");
			}
		}
		String lastRole = roles.isEmpty() ? null : roles.get(roles.size() - 1);
		if (!"user".equals(lastRole) && !"tool".equals(lastRole)) {
			throw OpenAiException.invalid("messages", "invalid_value",
					"The last message (after system messages) must come from the user, or be a tool result.");
		}
		result.system = (system.length() > 0) ? system.toString() : null;
		if (!result.direct && !withTools) {
			List<ChatMessage> history = new ArrayList<>(result.all.subList(0, result.all.size() - 1));
			result.history = history;
			result.last = ((UserMessage) result.all.get(result.all.size() - 1)).singleText();
		}
		else {
			result.history = List.of();
		}
		return result;
	}

	private static List<ToolExecutionRequest> toolCalls(JsonNode calls, String param, Map<String, String> names) {
		if (calls == null || calls.isNull()) {
			return List.of();
		}
		if (!calls.isArray()) {
			throw OpenAiException.invalid(param + ".tool_calls", "invalid_type",
					"Invalid type for '" + param + ".tool_calls': expected an array.");
		}
		List<ToolExecutionRequest> requests = new ArrayList<>();
		for (int i = 0; i < calls.size(); i++) {
			JsonNode call = calls.get(i);
			String callParam = param + ".tool_calls[" + i + "]";
			JsonNode function = call.path("function");
			if (!call.path("id").isString() || !function.path("name").isString()
					|| !(function.path("arguments").isString() || function.path("arguments").isMissingNode())) {
				throw OpenAiException.invalid(callParam, "invalid_value",
						"Invalid '" + callParam
								+ "': a tool call must be {\"id\", \"type\": \"function\", \"function\": {\"name\","
								+ " \"arguments\"}} with string values.");
			}
			String id = call.get("id").asString();
			String name = function.get("name").asString();
			names.put(id, name);
			requests.add(ToolExecutionRequest.builder()
				.id(id)
				.name(name)
				.arguments(function.path("arguments").asString("{}"))
				.build());
		}
		return requests;
	}

	private static void checkLength(String text, String param, int max) {
		if (text.length() > max) {
			throw new OpenAiException(400, param + ".content", "context_length_exceeded",
					"The message is too long: at most " + max + " characters are accepted per message, but " + param
							+ " has " + text.length() + ". Shorten it.");
		}
	}

	private static String content(JsonNode content, String param, boolean optional) {
		if (content == null || content.isNull()) {
			if (optional) {
				return "";
			}
			throw OpenAiException.invalid(param + ".content", "invalid_value",
					"Invalid '" + param + "': \"content\" is required.");
		}
		if (content.isString()) {
			return content.asString();
		}
		if (content.isArray()) {
			StringBuilder text = new StringBuilder();
			for (JsonNode part : content) {
				String type = part.path("type").asString("");
				if (!type.equals("text") && !type.equals("refusal")) {
					throw OpenAiException.invalid(param + ".content", "unsupported_value", "Unsupported content part '"
							+ type + "' in " + param + ": the agent reads text parts only ({\"type\": \"text\"}).");
				}
				JsonNode partText = part.path(type.equals("text") ? "text" : "refusal");
				if (!partText.isString()) {
					throw OpenAiException.invalid(param + ".content", "invalid_type",
							"A text part's \"text\" must be a string.");
				}
				if (text.length() > 0) {
					text.append('\n');
				}
				text.append(partText.asString());
			}
			return text.toString();
		}
		throw OpenAiException.invalid(param + ".content", "invalid_type",
				"Invalid type for '" + param + ".content': expected a string or an array of text parts.");
	}

}
