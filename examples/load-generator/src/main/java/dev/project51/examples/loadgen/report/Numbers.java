package dev.project51.examples.loadgen.report;

import java.util.Locale;

/**
 * Numbers as the Markdown report and the benchmark page write them.
 *
 * @since 0.1.0
 */
public final class Numbers {

	private Numbers() {
	}

	/**
	 * Milliseconds with a precision that fits their size: two decimals below 10, one
	 * below 100, none above.
	 * @param millis the milliseconds, {@link Double#NaN} if not measured
	 * @return the text, {@code –} if not measured
	 */
	public static String millis(double millis) {
		if (Double.isNaN(millis)) {
			return "–";
		}
		if (millis < 10) {
			return String.format(Locale.ROOT, "%.2f", millis);
		}
		return String.format(Locale.ROOT, (millis < 100) ? "%.1f" : "%.0f", millis);
	}

	/**
	 * Milliseconds as seconds with one decimal.
	 * @param millis the milliseconds, negative if not measured
	 * @return the seconds, {@code –} if not measured
	 */
	public static String seconds(long millis) {
		return (millis < 0) ? "–" : String.format(Locale.ROOT, "%.1f", millis / 1e3);
	}

}
