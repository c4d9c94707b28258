package dev.project51.agent.server.knowledge;

import java.util.List;

/**
 * A Markdown document of the knowledge base.
 *
 * @param source stable identifier, e.g. {@code knowledge/rolling-back.md}
 * @param title the first {@code #} heading, or the file name without extension
 * @param sections the headings of its sections, in order
 * @since 0.1.0
 */
public record KnowledgeDocument(String source, String title, List<String> sections) {

	public KnowledgeDocument {
		sections = List.copyOf(sections);
	}

}
