package dev.project51.agent.server.knowledge.internal;

import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.ContentInjector;
import dev.project51.agent.server.knowledge.KnowledgeBase;

/**
 * Appends the retrieved knowledge-base passages to the user's message, each with its
 * source so the model can cite it. The user's own text always comes first and is followed
 * by {@link #MARKER}, so {@link #question(String)} recovers it.
 *
 * @since 0.1.0
 */
public class KnowledgeContentInjector implements ContentInjector {

	/** Line that separates the user's question from the injected passages. */
	public static final String MARKER = "--- Knowledge-base excerpts (answer from them when they help; cite the source you use) ---";

	/**
	 * The user's own text of a message this injector may have augmented.
	 * @param text the message text
	 * @return the text before the injected passages, or the whole text
	 */
	public static String question(String text) {
		if (text == null) {
			return "";
		}
		int index = text.indexOf("\n\n" + MARKER);
		return (index >= 0) ? text.substring(0, index) : text;
	}

	@Override
	public ChatMessage inject(List<Content> contents, ChatMessage chatMessage) {
		if (contents.isEmpty() || !(chatMessage instanceof UserMessage userMessage) || !userMessage.hasSingleText()) {
			return chatMessage;
		}
		StringBuilder text = new StringBuilder(userMessage.singleText()).append("\n\n").append(MARKER);
		for (Content content : contents) {
			TextSegment segment = content.textSegment();
			text.append("\n\n[source: ")
				.append(segment.metadata().getString(KnowledgeBase.SOURCE))
				.append(" | ")
				.append(segment.metadata().getString(KnowledgeBase.TITLE))
				.append(" > ")
				.append(segment.metadata().getString(KnowledgeBase.SECTION))
				.append("]\n")
				.append(segment.text());
		}
		return (userMessage.name() != null) ? UserMessage.from(userMessage.name(), text.toString())
				: UserMessage.from(text.toString());
	}

}
