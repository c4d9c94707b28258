package dev.project51.agent.contract;

/**
 * The body of {@code PATCH /api/v1/conversations/{id}}: a new title.
 *
 * @param title the title, 1 to {@link AgentApi#MAX_TITLE_LENGTH} characters, not blank
 * @since 0.1.0
 */
public record ConversationRename(String title) {

}
