package dev.project51.agent.server.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.project51.agent.server.knowledge.KnowledgeBase;
import dev.project51.agent.server.knowledge.internal.Words;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Decides whether a message clearly asks for a tool. A tool is a candidate when at least
 * one word of its name appears in the message; it is chosen when the message is close in
 * meaning to the tool's name and description (relevance at least the threshold, a little
 * less when every word of the name appears) and closer than the best knowledge-base
 * passage. Required arguments are filled only from values the user wrote in quotes or
 * backticks (strings) or as numbers; a tool whose arguments cannot be filled is never
 * requested.
 */
final class ToolMatcher {

	private static final double ALL_NAME_WORDS_BONUS = 0.05;

	private static final Pattern QUOTED = Pattern.compile("[`\"']([^`\"']{1,200})[`\"']");

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

	private final KnowledgeBase knowledgeBase;

	private final double threshold;

	private final Map<String, Embedding> toolEmbeddings = new ConcurrentHashMap<>();

	ToolMatcher(KnowledgeBase knowledgeBase, double threshold) {
		this.knowledgeBase = knowledgeBase;
		this.threshold = threshold;
	}

	Optional<Match> match(String message, List<ToolSpecification> tools, double bestKnowledgeScore) {
		if (tools == null || tools.isEmpty() || message.isBlank()) {
			return Optional.empty();
		}
		Set<String> messageWords = Words.of(message);
		Embedding messageEmbedding = null;
		Match best = null;
		for (ToolSpecification tool : tools) {
			Set<String> nameWords = Words.ofIdentifier(tool.name());
			long overlap = nameWords.stream().filter(messageWords::contains).count();
			if (overlap == 0) {
				continue;
			}
			if (messageEmbedding == null) {
				messageEmbedding = this.knowledgeBase.embed(message);
			}
			double relevance = KnowledgeBase.relevance(messageEmbedding, embedding(tool));
			double needed = (overlap == nameWords.size()) ? this.threshold - ALL_NAME_WORDS_BONUS : this.threshold;
			if (relevance < needed || relevance < bestKnowledgeScore) {
				continue;
			}
			Optional<String> arguments = arguments(tool, message);
			if (arguments.isPresent() && (best == null || relevance > best.relevance())) {
				best = new Match(tool, arguments.get(), relevance);
			}
		}
		return Optional.ofNullable(best);
	}

	/**
	 * The tool closest in meaning to the message, whatever the thresholds, for a request
	 * that must call a tool ({@code tool_choice: "required"}). Required arguments the
	 * message does not give are filled with empty values of their type.
	 */
	Match best(String message, List<ToolSpecification> tools) {
		Embedding messageEmbedding = message.isBlank() ? null : this.knowledgeBase.embed(message);
		Match best = null;
		for (ToolSpecification tool : tools) {
			double relevance = (messageEmbedding != null) ? KnowledgeBase.relevance(messageEmbedding, embedding(tool))
					: 0;
			if (best == null || relevance > best.relevance()) {
				best = new Match(tool, arguments(tool, message).orElseGet(() -> emptyArguments(tool, message)),
						relevance);
			}
		}
		return best;
	}

	private Embedding embedding(ToolSpecification tool) {
		String text = Words.humanize(tool.name()) + ": " + ((tool.description() != null) ? tool.description() : "");
		return this.toolEmbeddings.computeIfAbsent(text, this.knowledgeBase::embed);
	}

	/**
	 * The JSON arguments of a call, or empty if a required argument cannot be filled.
	 */
	static Optional<String> arguments(ToolSpecification tool, String message) {
		return arguments(tool, message, false);
	}

	/**
	 * Arguments with every required one present: from the message where it gives them,
	 * else an empty value of the argument's type.
	 */
	static String emptyArguments(ToolSpecification tool, String message) {
		return arguments(tool, message, true).orElseThrow();
	}

	/**
	 * The required arguments from the quoted strings and the numbers of the message, in
	 * order; one the message does not give is an empty value of its type when
	 * {@code fill}, else there are no arguments.
	 */
	private static Optional<String> arguments(ToolSpecification tool, String message, boolean fill) {
		JsonObjectSchema parameters = tool.parameters();
		if (parameters == null || parameters.properties() == null || parameters.properties().isEmpty()) {
			return Optional.of("{}");
		}
		List<String> required = (parameters.required() != null) ? parameters.required() : List.of();
		List<String> quoted = find(QUOTED, message, 1);
		List<String> numbers = find(NUMBER, message, 0);
		StringBuilder json = new StringBuilder("{");
		for (Map.Entry<String, JsonSchemaElement> property : parameters.properties().entrySet()) {
			if (!required.contains(property.getKey())) {
				continue;
			}
			String value = value(property.getValue(), quoted, numbers, fill);
			if (value == null) {
				return Optional.empty();
			}
			if (json.length() > 1) {
				json.append(',');
			}
			json.append(quote(property.getKey())).append(':').append(value);
		}
		return Optional.of(json.append('}').toString());
	}

	private static String value(JsonSchemaElement type, List<String> quoted, List<String> numbers, boolean fill) {
		if (type instanceof JsonStringSchema && (fill || !quoted.isEmpty())) {
			return quote(quoted.isEmpty() ? "" : quoted.remove(0));
		}
		if ((type instanceof JsonIntegerSchema || type instanceof JsonNumberSchema) && (fill || !numbers.isEmpty())) {
			return numbers.isEmpty() ? "0" : numbers.remove(0);
		}
		if (!fill) {
			return null;
		}
		if (type instanceof JsonBooleanSchema) {
			return "false";
		}
		if (type instanceof JsonArraySchema) {
			return "[]";
		}
		if (type instanceof JsonEnumSchema enumeration && !enumeration.enumValues().isEmpty()) {
			return quote(enumeration.enumValues().get(0));
		}
		return (type instanceof JsonObjectSchema) ? "{}" : "null";
	}

	private static List<String> find(Pattern pattern, String text, int group) {
		List<String> values = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			values.add(matcher.group(group));
		}
		return values;
	}

	private static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		JsonStringEncoder.getInstance().quoteAsString(value, quoted);
		return quoted.append('"').toString();
	}

	record Match(ToolSpecification tool, String arguments, double relevance) {

	}

}
