package dev.project51.agent.contract;

import java.time.Instant;

/**
 * One conversation of a {@link ConversationList}.
 *
 * @param conversationId the conversation id
 * @param title its title: the first message (cut to {@link AgentApi#MAX_TITLE_LENGTH}
 * characters) unless renamed
 * @param createdAt when it started
 * @param updatedAt when its latest message was recorded (or it was renamed)
 * @since 0.1.0
 */
public record ConversationSummary(String conversationId, String title, Instant createdAt, Instant updatedAt) {

}
