package dev.project51.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Appends a measured figure to {@code target/control-plane-figures.md}, the source of the
 * Kubernetes figures in docs/self-healing.md. Figures are reported, never asserted
 * against a time.
 */
public final class Figures {

	private static final Path FILE = Path.of("target", "control-plane-figures.md");

	private Figures() {
	}

	/**
	 * Records a figure.
	 * @param what what was measured
	 * @param duration how long it took
	 */
	public static synchronized void record(String what, Duration duration) {
		record(what, String.format("%.1f s", duration.toMillis() / 1000.0));
	}

	/**
	 * Records a figure.
	 * @param what what was measured
	 * @param value the value
	 */
	public static synchronized void record(String what, String value) {
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, "| " + what + " | " + value + " |\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
