package dev.project51.agent.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of the caller's conversations ({@code GET /api/v1/conversations}), the most
 * recently active first. The caller is the end user the request names
 * ({@link AgentApi#END_USER_HEADER}), or the API client itself.
 *
 * @param conversations the conversations of this page, never {@code null}
 * @param next the cursor of the next (older) page (send it as
 * {@link AgentApi#CURSOR_PARAMETER}), {@code null} on the last page
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationList(List<ConversationSummary> conversations, String next) {

	public ConversationList {
		conversations = (conversations != null) ? List.copyOf(conversations) : List.of();
	}

}
