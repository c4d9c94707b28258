package dev.project51.agent.server.knowledge;

/**
 * A section of a knowledge-base document that matches a question.
 *
 * @param source stable identifier of the document, e.g. {@code knowledge/rolling-back.md}
 * @param title the document's title (its first {@code #} heading)
 * @param section the section's heading
 * @param text the section's text, verbatim
 * @param score relevance in {@code [0, 1]} (cosine similarity mapped to
 * {@code (cos + 1) / 2})
 * @since 0.1.0
 */
public record KnowledgeMatch(String source, String title, String section, String text, double score) {

}
