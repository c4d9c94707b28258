package dev.project51.examples.loadgen.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time of a process, read from {@code /proc/<pid>/stat} (Linux): its own threads
 * only, like {@link ProcessMemory}, not its children.
 *
 * @since 0.1.0
 */
public final class ProcessCpu {

	/**
	 * Linux reports these times in clock ticks of {@code USER_HZ}, which is 100 per
	 * second on every architecture ({@code getconf CLK_TCK}), whatever the kernel's own
	 * tick rate.
	 */
	static final long TICKS_PER_SECOND = 100;

	/** Fields 14 and 15 of the file, counted from 1, are counted from the state here. */
	private static final int UTIME = 14 - 3;

	private static final int STIME = 15 - 3;

	private final Path stat;

	/**
	 * CPU time of a process of this machine.
	 * @param pid the process id
	 */
	public ProcessCpu(long pid) {
		this(Path.of("/proc", Long.toString(pid), "stat"));
	}

	/**
	 * CPU time read from a file in the format of {@code /proc/<pid>/stat}.
	 * @param stat the file
	 */
	public ProcessCpu(Path stat) {
		this.stat = stat;
	}

	/**
	 * The CPU time the process has used since it started, in user and system mode
	 * ({@code utime + stime}), all its threads together.
	 * @return the time, in steps of 10 ms, or empty if the process is gone or the file
	 * cannot be read as such
	 */
	public Optional<Duration> time() {
		try {
			return parse(Files.readString(this.stat, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The CPU time in one line in the format of {@code /proc/<pid>/stat} or
	 * {@code /proc/<pid>/task/<tid>/stat} ({@code utime + stime}).
	 * @param line the line
	 * @return the time, in steps of 10 ms, or empty if the line is not such a line
	 */
	public static Optional<Duration> parse(String line) {
		// The command name, field 2, is in parentheses and may hold spaces and ')'.
		String[] fields = line.substring(line.lastIndexOf(')') + 1).strip().split("\\s+");
		if (line.indexOf('(') < 0 || fields.length <= STIME) {
			return Optional.empty();
		}
		try {
			long ticks = Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]);
			return Optional.of(Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
