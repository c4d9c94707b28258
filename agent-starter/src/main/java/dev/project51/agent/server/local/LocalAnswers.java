package dev.project51.agent.server.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.project51.agent.server.knowledge.KnowledgeBase;
import dev.project51.agent.server.knowledge.internal.KnowledgeContentInjector;
import dev.project51.agent.server.knowledge.KnowledgeContentRetriever;
import dev.project51.agent.server.knowledge.KnowledgeDocument;
import dev.project51.agent.server.knowledge.KnowledgeMatch;

/**
 * The reasoning of the local model, deterministic: answer tool results, request a tool
 * when the message clearly asks for one, otherwise quote the best knowledge-base passage
 * verbatim with its source, or say plainly that the answer is not known and list what can
 * be answered.
 */
final class LocalAnswers {

	private static final Pattern GREETING = Pattern.compile(
			"(?i)^\\s*(hi|hello|hey|hallo|good (morning|afternoon|evening)|thanks|thank you|thx)\\b[\\s\\p{Punct}\\w]{0,20}$");

	private final KnowledgeBase knowledgeBase;

	private final KnowledgeContentRetriever retriever;

	private final ToolMatcher toolMatcher;

	private final AtomicLong toolCallIds = new AtomicLong();

	LocalAnswers(KnowledgeBase knowledgeBase, KnowledgeContentRetriever retriever, double toolThreshold) {
		this.knowledgeBase = knowledgeBase;
		this.retriever = retriever;
		this.toolMatcher = new ToolMatcher(knowledgeBase, toolThreshold);
	}

	/**
	 * The answer to a request. {@code tool_choice} is honoured: {@code NONE} never calls
	 * a tool, {@code REQUIRED} always calls one (the best match, whatever the
	 * thresholds).
	 */
	AiMessage answer(ChatRequest request) {
		List<ChatMessage> messages = request.messages();
		ToolChoice toolChoice = request.toolChoice();
		List<ToolSpecification> tools = (toolChoice == ToolChoice.NONE || request.toolSpecifications() == null)
				? List.of() : request.toolSpecifications();
		String question = UserMessage.findLast(messages)
			.map(LocalAnswers::text)
			.map(KnowledgeContentInjector::question)
			.orElse("")
			.strip();
		if (toolChoice == ToolChoice.REQUIRED && !tools.isEmpty()) {
			Optional<ToolMatcher.Match> clear = question.isEmpty() ? Optional.empty()
					: this.toolMatcher.match(question, tools, 0);
			return toolCall(clear.orElseGet(() -> this.toolMatcher.best(question, tools)));
		}
		List<ToolExecutionResultMessage> toolResults = trailingToolResults(messages);
		if (!toolResults.isEmpty()) {
			return AiMessage.from(toolAnswer(toolResults));
		}
		if (question.isEmpty()) {
			return AiMessage.from("Ask me a question about this deployment and I will answer from my knowledge base.");
		}
		List<KnowledgeMatch> matches = this.retriever.matches(question);
		double bestScore = matches.isEmpty() ? 0 : matches.get(0).score();
		Optional<ToolMatcher.Match> tool = this.toolMatcher.match(question, tools, bestScore);
		if (tool.isPresent()) {
			return toolCall(tool.get());
		}
		if (GREETING.matcher(question).matches()) {
			return AiMessage
				.from("Hello! I am the offline assistant of this Project51 deployment. " + capabilities(tools));
		}
		if (matches.isEmpty()) {
			return AiMessage.from(notKnown(tools));
		}
		return AiMessage.from(knowledgeAnswer(matches));
	}

	private AiMessage toolCall(ToolMatcher.Match match) {
		return AiMessage.from(ToolExecutionRequest.builder()
			.id("local-call-" + this.toolCallIds.incrementAndGet())
			.name(match.tool().name())
			.arguments(match.arguments())
			.build());
	}

	private static String text(UserMessage message) {
		if (message.hasSingleText()) {
			return message.singleText();
		}
		StringBuilder text = new StringBuilder();
		message.contents().forEach((content) -> {
			if (content instanceof TextContent textContent) {
				text.append(textContent.text());
			}
		});
		return text.toString();
	}

	private static List<ToolExecutionResultMessage> trailingToolResults(List<ChatMessage> messages) {
		List<ToolExecutionResultMessage> results = new ArrayList<>();
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (!(messages.get(i) instanceof ToolExecutionResultMessage result)) {
				break;
			}
			results.add(0, result);
		}
		return results;
	}

	private static String toolAnswer(List<ToolExecutionResultMessage> results) {
		StringBuilder answer = new StringBuilder();
		for (ToolExecutionResultMessage result : results) {
			if (answer.length() > 0) {
				answer.append("\n\n");
			}
			answer.append("The `").append(result.toolName()).append("` tool returned:\n\n").append(result.text());
		}
		return answer.toString();
	}

	private static String knowledgeAnswer(List<KnowledgeMatch> matches) {
		KnowledgeMatch best = matches.get(0);
		StringBuilder answer = new StringBuilder();
		answer.append("From **").append(best.title()).append("**");
		if (!best.section().equals(best.title())) {
			answer.append(" (").append(best.section()).append(")");
		}
		answer.append(":\n\n").append(best.text()).append("\n\nSource: `").append(best.source()).append('`');
		List<String> related = new ArrayList<>();
		for (KnowledgeMatch match : matches.subList(1, matches.size())) {
			String entry = "**" + match.title() + "** (`" + match.source() + "`)";
			if (!match.source().equals(best.source()) && !related.contains(entry)) {
				related.add(entry);
			}
		}
		if (!related.isEmpty()) {
			answer.append("\n\nSee also: ").append(String.join(", ", related)).append('.');
		}
		return answer.toString();
	}

	private String notKnown(List<ToolSpecification> tools) {
		return "I don't know: nothing in my knowledge base matches that question, and as the offline local model "
				+ "I cannot look anywhere else. " + capabilities(tools);
	}

	private String capabilities(List<ToolSpecification> tools) {
		StringBuilder text = new StringBuilder();
		List<KnowledgeDocument> documents = this.knowledgeBase.documents();
		if (documents.isEmpty()) {
			text.append("My knowledge base is empty.");
		}
		else {
			text.append("I can answer questions about:\n");
			for (KnowledgeDocument document : documents) {
				text.append("\n- ").append(document.title()).append(" (`").append(document.source()).append("`)");
			}
		}
		if (tools != null && !tools.isEmpty()) {
			text.append("\n\nI can also use these tools:\n");
			for (ToolSpecification tool : tools) {
				text.append("\n- `").append(tool.name()).append('`');
				if (tool.description() != null && !tool.description().isBlank()) {
					text.append(": ").append(tool.description());
				}
			}
		}
		return text.toString();
	}

}
