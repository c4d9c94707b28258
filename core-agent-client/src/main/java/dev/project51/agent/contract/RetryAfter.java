package dev.project51.agent.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Parsed by the agent client for the agent's answers and by the agent for its model
 * providers' answers; {@link #seconds(Duration)} is the value both servers send.
 *
 * @since 0.1.0
 */
public final class RetryAfter {

	/** Upper bound of a parsed value, so that an absurd header cannot overflow. */
	static final Duration MAX = Duration.ofDays(1);

	private RetryAfter() {
	}

	/**
	 * The delay a {@code Retry-After} value asks for.
	 * @param value the header value, may be {@code null}
	 * @param clock the clock that says what "now" is, for HTTP-dates
	 * @return the delay (zero for a date in the past, at most one day), or empty if the
	 * value is absent or malformed
	 */
	public static Optional<Duration> parse(String value, Clock clock) {
		if (value == null) {
			return Optional.empty();
		}
		String trimmed = value.trim();
		if (trimmed.isEmpty()) {
			return Optional.empty();
		}
		if (trimmed.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			if (trimmed.length() > 9) {
				return Optional.of(MAX);
			}
			return Optional.of(min(Duration.ofSeconds(Long.parseLong(trimmed))));
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(clock.instant(), at);
			return Optional.of(delay.isNegative() ? Duration.ZERO : min(delay));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The delay-seconds a server sends for a delay: rounded up to whole seconds, and at
	 * least 1, so that no client reads it as "retry at once".
	 * @param delay the delay, may be {@code null}
	 * @return the seconds
	 */
	public static long seconds(Duration delay) {
		if (delay == null || delay.isNegative() || delay.isZero()) {
			return 1;
		}
		return delay.toSeconds() + ((delay.toNanosPart() > 0) ? 1 : 0);
	}

	private static Duration min(Duration delay) {
		return (delay.compareTo(MAX) > 0) ? MAX : delay;
	}

}
