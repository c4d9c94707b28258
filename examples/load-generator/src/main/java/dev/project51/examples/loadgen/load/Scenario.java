package dev.project51.examples.loadgen.load;

/**
 * One kind of request that the {@link LoadRunner} repeats: a chat, a stream, a health
 * probe. Called by many threads at once, so implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Scenario {

	/**
	 * A short name for reports, e.g. {@code chat}.
	 * @return the name
	 */
	String name();

	/**
	 * What one call requests, for reports, e.g. {@code POST /api/v1/chat}.
	 * @return the endpoint
	 */
	String endpoint();

	/**
	 * Sends one request and waits for its whole answer.
	 * @return when the first token arrived, for streams
	 * @throws ScenarioException if the answer was a failure; the runner counts it by
	 * {@link ScenarioException#kind()}
	 * @throws InterruptedException if the calling thread was interrupted
	 */
	Outcome call() throws ScenarioException, InterruptedException;

	/**
	 * The scenario as one caller runs it, for all its calls (warm-up and measured): a
	 * scenario that keeps state between the calls of one client, like the session cookie
	 * of one browser, returns a copy of its own.
	 * @return this scenario, or a copy for one caller
	 */
	default Scenario forCaller() {
		return this;
	}

}
