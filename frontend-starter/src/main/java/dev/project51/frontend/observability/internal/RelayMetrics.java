package dev.project51.frontend.observability.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The latency of the frontend's answer streams as the browser sees it:
 * <ul>
 * <li>{@code project51.frontend.relay.first.token} (timer with histogram buckets): from
 * the browser's message to the first token relayed to it</li>
 * <li>{@code project51.frontend.relay.duration} (timer with histogram buckets;
 * {@code outcome} = {@code answered}|{@code degraded}|{@code interrupted}|{@code failed}|
 * {@code timeout}|{@code abandoned}): the whole stream</li>
 * </ul>
 */
public final class RelayMetrics {

	private static final Duration[] FIRST_TOKEN_BUCKETS = { Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
			Duration.ofSeconds(6), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30) };

	private static final Duration[] DURATION_BUCKETS = { Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
			Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(360) };

	private final MeterRegistry meters;

	private final Timer firstToken;

	/** The duration timer of each outcome, registered on first use. */
	private final Map<String, Timer> durations = new ConcurrentHashMap<>();

	/**
	 * Creates the meters.
	 * @param meters the registry
	 */
	public RelayMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.firstToken = Timer.builder("project51.frontend.relay.first.token")
			.description("Time from a browser's message to the first token relayed to it")
			.serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
			.register(meters);
	}

	/**
	 * A first token reached the browser.
	 * @param nanos since the message arrived
	 */
	public void firstToken(long nanos) {
		this.firstToken.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * A stream to the browser ended.
	 * @param nanos since the message arrived
	 * @param outcome how it ended
	 */
	public void ended(long nanos, String outcome) {
		this.durations
			.computeIfAbsent(outcome,
					(key) -> Timer.builder("project51.frontend.relay.duration")
						.description("Duration of the answer streams relayed to browsers, by outcome")
						.tag("outcome", key)
						.serviceLevelObjectives(DURATION_BUCKETS)
						.register(this.meters))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

}
