package dev.project51.agent.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A knowledge-base document an answer is based on.
 *
 * @param source stable identifier of the document, e.g. {@code knowledge/rolling-back.md}
 * @param title human-readable title of the document or section
 * @param excerpt the passage the answer used, may be {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(String source, String title, String excerpt) {

}
