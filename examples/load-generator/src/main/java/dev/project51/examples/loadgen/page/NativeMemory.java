package dev.project51.examples.loadgen.page;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's Native Memory Tracking says it has committed, by category: the output of
 * {@code jcmd PID VM.native_memory summary} of a JVM started with
 * {@code -XX:NativeMemoryTracking=summary}. Memory that native libraries allocate
 * themselves (ONNX Runtime, a tokenizer) is not in it.
 *
 * @param totalKib the total committed
 * @param committedKib the committed memory by category, in the report's order
 */
record NativeMemory(long totalKib, Map<String, Long> committedKib) {

	private static final Pattern TOTAL = Pattern.compile("(?m)^Total: reserved=\\d+KB, committed=(\\d+)KB");

	private static final Pattern CATEGORY = Pattern
		.compile("(?m)^-\\s+(\\S.*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

	NativeMemory {
		committedKib = Collections.unmodifiableMap(new LinkedHashMap<>(committedKib));
	}

	/**
	 * Reads {@code jcmd}'s summary.
	 * @param summary the text
	 * @return the committed memory
	 * @throws IllegalArgumentException if the text has no total (NMT was off, or the
	 * process had gone)
	 */
	static NativeMemory parse(String summary) {
		Matcher total = TOTAL.matcher(summary);
		if (!total.find()) {
			throw new IllegalArgumentException("not a Native Memory Tracking summary (no 'Total: ... committed=' "
					+ "line): " + summary.strip().lines().findFirst().orElse("empty"));
		}
		Map<String, Long> categories = new LinkedHashMap<>();
		Matcher category = CATEGORY.matcher(summary);
		while (category.find()) {
			categories.put(category.group(1), Long.parseLong(category.group(2)));
		}
		return new NativeMemory(Long.parseLong(total.group(1)), categories);
	}

	/**
	 * The committed memory of a category, in MiB.
	 * @param category e.g. {@code Java Heap}
	 * @return the size, 0 if the summary omitted the category
	 */
	double mib(String category) {
		return this.committedKib.getOrDefault(category, 0L) / 1024.0;
	}

	/**
	 * The total committed, in MiB.
	 * @return the size
	 */
	double totalMib() {
		return this.totalKib / 1024.0;
	}

}
