package dev.project51.agent.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date. Used by the agent client for the agent's answers and by the agent for its
 * model providers' answers.
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

	private static Duration min(Duration delay) {
		return (delay.compareTo(MAX) > 0) ? MAX : delay;
	}

}
