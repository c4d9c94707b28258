package dev.project51.frontend.status;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.util.Assert;

/**
 * What the frontend knows about the agent, as shown to users.
 *
 * @param state whether the agent answers, and how well
 * @param model the model that answers now, or {@code null} when the agent is unavailable
 * @param detail one sentence for people, without secrets
 * @param checkedAt when the agent was checked
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentStatus(State state, String model, String detail, Instant checkedAt) {

	public AgentStatus {
		Assert.notNull(state, "'state' must not be null");
		Assert.hasText(detail, "'detail' must not be empty");
		Assert.notNull(checkedAt, "'checkedAt' must not be null");
	}

	/**
	 * The agent cannot answer.
	 * @param detail why, in one sentence for people
	 * @param checkedAt when it was checked
	 * @return the status
	 */
	public static AgentStatus unavailable(String detail, Instant checkedAt) {
		return new AgentStatus(State.UNAVAILABLE, null, detail, checkedAt);
	}

	/**
	 * Whether the agent can answer (healthy or degraded).
	 * @return {@code true} unless the state is {@link State#UNAVAILABLE}
	 */
	public boolean isAvailable() {
		return this.state != State.UNAVAILABLE;
	}

	/**
	 * The states of the agent, as the page shows them.
	 */
	public enum State {

		/** The agent answers with its preferred model. */
		@JsonProperty("healthy")
		HEALTHY,

		/** The agent answers with a fallback model while its preferred one fails. */
		@JsonProperty("degraded")
		DEGRADED,

		/** The agent cannot be reached, or none of its models can answer. */
		@JsonProperty("unavailable")
		UNAVAILABLE

	}

}
