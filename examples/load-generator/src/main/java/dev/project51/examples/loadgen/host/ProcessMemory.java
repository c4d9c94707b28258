package dev.project51.examples.loadgen.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of a process, read from {@code /proc/<pid>/status} (Linux).
 *
 * @since 0.1.0
 */
public final class ProcessMemory {

	private final Path status;

	/**
	 * Memory of a process of this machine.
	 * @param pid the process id
	 */
	public ProcessMemory(long pid) {
		this(Path.of("/proc", Long.toString(pid), "status"));
	}

	/**
	 * Memory read from a file in the format of {@code /proc/<pid>/status}.
	 * @param status the file
	 */
	public ProcessMemory(Path status) {
		this.status = status;
	}

	/**
	 * The resident set size now ({@code VmRSS}).
	 * @return the size in bytes, or empty if the process is gone or the file has no such
	 * line
	 */
	public OptionalLong rss() {
		return field("VmRSS:");
	}

	/**
	 * The peak resident set size since the process started ({@code VmHWM}).
	 * @return the size in bytes, or empty if the process is gone or the file has no such
	 * line
	 */
	public OptionalLong peakRss() {
		return field("VmHWM:");
	}

	private OptionalLong field(String name) {
		try {
			for (String line : Files.readAllLines(this.status, StandardCharsets.UTF_8)) {
				if (line.startsWith(name)) {
					return OptionalLong.of(kibibytes(line.substring(name.length())) * 1024);
				}
			}
			return OptionalLong.empty();
		}
		catch (IOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	private static long kibibytes(String value) {
		String number = value.strip();
		if (number.endsWith("kB")) {
			number = number.substring(0, number.length() - 2).strip();
		}
		return Long.parseLong(number);
	}

}
