package dev.project51.agent.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Author of a message in a conversation.
 *
 * @since 0.1.0
 */
public enum Role {

	/** The person chatting. */
	@JsonProperty("user")
	USER,

	/** The agent. */
	@JsonProperty("assistant")
	ASSISTANT

}
