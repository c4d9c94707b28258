package dev.project51.examples.loadgen.page;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a JVM started with and the most it may grow to, as it chose them (from its
 * flags or, without them, for the machine): read from {@code jcmd PID VM.flags}.
 *
 * @param initialBytes {@code InitialHeapSize}
 * @param maxBytes {@code MaxHeapSize}
 */
record HeapSizes(long initialBytes, long maxBytes) {

	private static final Pattern INITIAL = Pattern.compile("-XX:InitialHeapSize=(\\d+)");

	private static final Pattern MAX = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

	private static final double MIB = 1024 * 1024;

	/**
	 * Reads {@code jcmd}'s flags.
	 * @param flags the text
	 * @return the sizes, empty if the text does not name both (the process had gone)
	 */
	static Optional<HeapSizes> parse(String flags) {
		Matcher initial = INITIAL.matcher(flags);
		Matcher max = MAX.matcher(flags);
		if (!initial.find() || !max.find()) {
			return Optional.empty();
		}
		return Optional.of(new HeapSizes(Long.parseLong(initial.group(1)), Long.parseLong(max.group(1))));
	}

	/**
	 * The initial heap, in MiB.
	 * @return the size
	 */
	double initialMib() {
		return this.initialBytes / MIB;
	}

	/**
	 * The largest heap, in MiB.
	 * @return the size
	 */
	double maxMib() {
		return this.maxBytes / MIB;
	}

}
