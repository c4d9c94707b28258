package dev.project51.examples.loadgen.load;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one measured run of a scenario at one concurrency produced.
 *
 * @param scenario the scenario's name
 * @param endpoint what one call requests
 * @param concurrency how many callers ran at once
 * @param elapsed from the start of the run until its last call ended
 * @param latencies the total latency of every successful call, in nanoseconds
 * @param firstTokens the time to the first token of every successful stream, in
 * nanoseconds (empty for calls that do not stream)
 * @param errors failed calls counted by kind, sorted by kind
 * @param unfinished calls still running when the run gave up waiting for them
 * @since 0.1.0
 */
public record RunResult(String scenario, String endpoint, int concurrency, Duration elapsed, Percentiles latencies,
		Percentiles firstTokens, Map<String, Long> errors, int unfinished) {

	/**
	 * Create a result; the error map is copied.
	 * @param scenario the scenario's name
	 * @param endpoint what one call requests
	 * @param concurrency how many callers ran at once
	 * @param elapsed from the start of the run until its last call ended
	 * @param latencies the latencies of the successful calls
	 * @param firstTokens the times to the first token
	 * @param errors failed calls by kind
	 * @param unfinished calls still running at the end
	 */
	public RunResult {
		errors = Collections.unmodifiableMap(new TreeMap<>(errors));
	}

	/**
	 * Successful calls.
	 * @return the count
	 */
	public long successes() {
		return this.latencies.count();
	}

	/**
	 * Failed calls, of every kind, plus the unfinished ones.
	 * @return the count
	 */
	public long failures() {
		return this.errors.values().stream().mapToLong(Long::longValue).sum() + this.unfinished;
	}

	/**
	 * Successful calls per second over the run.
	 * @return the throughput
	 */
	public double throughput() {
		double seconds = this.elapsed.toNanos() / 1e9;
		return (seconds > 0) ? successes() / seconds : 0;
	}

}
