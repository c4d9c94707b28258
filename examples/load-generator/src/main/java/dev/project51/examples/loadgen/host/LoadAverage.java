package dev.project51.examples.loadgen.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine's load average, from {@code /proc/loadavg} (Linux).
 *
 * @since 0.1.0
 */
public final class LoadAverage {

	private LoadAverage() {
	}

	/**
	 * The 1, 5 and 15 minute load averages as the kernel prints them, e.g.
	 * {@code 0.52 0.61 0.40}.
	 * @return the load averages, or empty where {@code /proc/loadavg} cannot be read
	 */
	public static Optional<String> now() {
		return read(Path.of("/proc/loadavg"));
	}

	static Optional<String> read(Path file) {
		try {
			String[] fields = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\s+");
			if (fields.length < 3) {
				return Optional.empty();
			}
			return Optional.of(fields[0] + " " + fields[1] + " " + fields[2]);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
