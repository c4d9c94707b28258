package dev.project51.examples.loadgen.load;

/**
 * What a successful call measured besides its total latency.
 *
 * @param firstTokenNanos nanoseconds from the start of the call to its first token, or
 * {@code -1} when the call does not stream
 * @since 0.1.0
 */
public record Outcome(long firstTokenNanos) {

	private static final Outcome COMPLETE = new Outcome(-1);

	/**
	 * A call that does not stream.
	 * @return the outcome
	 */
	public static Outcome complete() {
		return COMPLETE;
	}

	/**
	 * A stream whose first token arrived after the given time.
	 * @param nanos nanoseconds from the start of the call to the first token
	 * @return the outcome
	 */
	public static Outcome firstTokenAfter(long nanos) {
		if (nanos < 0) {
			throw new IllegalArgumentException("nanos must be >= 0, was " + nanos);
		}
		return new Outcome(nanos);
	}

	/**
	 * Whether the call measured a first token.
	 * @return {@code true} for streams
	 */
	public boolean streamed() {
		return this.firstTokenNanos >= 0;
	}

}
