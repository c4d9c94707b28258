package dev.project51.agent.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The status reported by an actuator health group ({@code UP}, {@code DOWN},
 * {@code OUT_OF_SERVICE}, {@code UNKNOWN}).
 *
 * @param status the status code
 * @since 0.1.0
 */
public record Health(String status) {

	/** The status of a healthy group. */
	public static final String UP = "UP";

	/**
	 * Whether the group is up.
	 * @return {@code true} if the status is {@value #UP}
	 */
	@JsonIgnore // derived: without this, Jackson would write an "up" property that is not
				// in the contract
	public boolean isUp() {
		return UP.equals(this.status);
	}

}
