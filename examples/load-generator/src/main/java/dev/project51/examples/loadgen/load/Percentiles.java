package dev.project51.examples.loadgen.load;

import java.util.Arrays;

/**
 * Percentiles of a set of durations, by the nearest-rank method: the p-th percentile is
 * the smallest value that at least p % of the values are less than or equal to. No
 * interpolation, so every reported value was really measured.
 *
 * @since 0.1.0
 */
public final class Percentiles {

	private static final Percentiles EMPTY = new Percentiles(new long[0]);

	private final long[] sorted;

	private Percentiles(long[] sorted) {
		this.sorted = sorted;
	}

	/**
	 * The percentiles of some values; the array is copied.
	 * @param values the values, in any order
	 * @return the percentiles
	 */
	public static Percentiles of(long... values) {
		if (values.length == 0) {
			return EMPTY;
		}
		long[] copy = values.clone();
		Arrays.sort(copy);
		return new Percentiles(copy);
	}

	/**
	 * How many values there are.
	 * @return the count
	 */
	public int count() {
		return this.sorted.length;
	}

	/**
	 * Whether there are no values.
	 * @return {@code true} if empty
	 */
	public boolean isEmpty() {
		return this.sorted.length == 0;
	}

	/**
	 * The p-th percentile by nearest rank.
	 * @param p the percentile, greater than 0 and at most 100
	 * @return the value
	 * @throws IllegalArgumentException if p is out of range
	 * @throws IllegalStateException if there are no values
	 */
	public long percentile(double p) {
		if (!(p > 0 && p <= 100)) {
			throw new IllegalArgumentException("p must be > 0 and <= 100, was " + p);
		}
		if (isEmpty()) {
			throw new IllegalStateException("no values");
		}
		int rank = (int) Math.ceil(p * this.sorted.length / 100);
		return this.sorted[Math.max(rank, 1) - 1];
	}

	/**
	 * The largest value.
	 * @return the maximum
	 * @throws IllegalStateException if there are no values
	 */
	public long max() {
		return percentile(100);
	}

}
