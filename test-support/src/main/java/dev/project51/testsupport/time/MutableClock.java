package dev.project51.testsupport.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock in UTC that stands still until a test moves it; safe to read and move from
 * several threads.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	/**
	 * Creates a clock that shows an instant.
	 * @param start the instant it shows until moved
	 */
	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
	}

	/**
	 * Moves the clock on.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/**
	 * This clock: the zone does not matter to the instants it shows.
	 */
	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

}
