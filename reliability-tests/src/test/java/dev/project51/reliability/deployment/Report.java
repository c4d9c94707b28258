package dev.project51.reliability.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small Markdown report of measured figures, written to
 * {@code target/reliability-reports/<name>.md} and printed, so that every run leaves its
 * numbers behind (docs/self-healing.md quotes them).
 */
public final class Report {

	private final String name;

	private final List<String> lines = new ArrayList<>();

	/**
	 * Creates a report.
	 * @param name the file name, without extension
	 * @param title the heading
	 */
	public Report(String name, String title) {
		this.name = name;
		this.lines.add("# " + title);
		this.lines.add("");
	}

	/**
	 * Adds a line.
	 * @param line the line
	 * @return this report
	 */
	public Report line(String line) {
		this.lines.add(line);
		return this;
	}

	/**
	 * Writes the report and prints it.
	 * @return the file
	 */
	public Path write() {
		Path file = Path.of("target", "reliability-reports", this.name + ".md");
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, this.lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println(String.join(System.lineSeparator(), this.lines));
		return file.toAbsolutePath();
	}

	/**
	 * A percentile of durations, in milliseconds (nearest rank).
	 * @param durations the durations
	 * @param percentile e.g. 95
	 * @return the percentile, or 0 when there is none
	 */
	public static long percentileMillis(List<Duration> durations, double percentile) {
		if (durations.isEmpty()) {
			return 0;
		}
		List<Duration> sorted = new ArrayList<>(durations);
		Collections.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1)).toMillis();
	}

	/**
	 * Seconds with one decimal.
	 * @param duration the duration
	 * @return e.g. {@code 6.3 s}
	 */
	public static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
