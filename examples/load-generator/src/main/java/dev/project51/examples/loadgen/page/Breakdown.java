package dev.project51.examples.loadgen.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.project51.examples.loadgen.report.ResultRow;
import dev.project51.examples.loadgen.report.ThreadsTable;

/**
 * What a run measured to show where the start-up time and the memory go, beside the
 * targets' own figures:
 * <ul>
 * <li>{@code cpu-PROFILE-APP.txt}: each app's {@code /proc} stat lines as its readiness
 * probe first answered, read as {@link ThreadCpu};</li>
 * <li>{@code classes-PROFILE-APP.txt}: each app's class loading counters at that moment
 * ({@code jstat -snap}), read as {@link ClassLoading};</li>
 * <li>{@code memory-profile.tsv} with {@code nmt-PHASE.txt} and {@code flags-PHASE.txt}:
 * the apps' memory, {@link MemoryPhase} by phase;</li>
 * <li>{@code memory-load.tsv} and {@code memory-load-defaults.tsv}: the load generator's
 * row of that memory profile, with the container flags and with the JVM's defaults;</li>
 * <li>{@code threads.tsv}: where each process's CPU time went by group of threads in each
 * row of the load run ({@link ThreadsTable}).</li>
 * </ul>
 *
 * @param startupCpu CPU time at readiness by {@code PROFILE/APP}, in the files' order
 * @param startupClasses class loading at readiness by {@code PROFILE/APP}
 * @param memory the memory profile's phases
 * @param memoryLoad the memory profile's load, with the container flags
 * @param memoryLoadDefaults the memory profile's load, with the JVM's defaults
 * @param loadThreads the load run's CPU time by group of threads
 */
record Breakdown(Map<String, ThreadCpu> startupCpu, Map<String, ClassLoading> startupClasses, List<MemoryPhase> memory,
		List<ResultRow> memoryLoad, List<ResultRow> memoryLoadDefaults, List<ThreadsTable.Row> loadThreads) {

	static final Breakdown NONE = new Breakdown(Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of());

	private static final Pattern STARTUP_FILE = Pattern.compile("(cpu|classes)-(.+)-(agent|frontend)\\.txt");

	Breakdown {
		startupCpu = Collections.unmodifiableMap(new LinkedHashMap<>(startupCpu));
		startupClasses = Map.copyOf(startupClasses);
		memory = List.copyOf(memory);
		memoryLoad = List.copyOf(memoryLoad);
		memoryLoadDefaults = List.copyOf(memoryLoadDefaults);
		loadThreads = List.copyOf(loadThreads);
	}

	/**
	 * Reads a results directory; missing files give empty parts.
	 * @param dir the directory
	 * @return the breakdown
	 * @throws IOException if a file cannot be read
	 * @throws IllegalArgumentException if a file is malformed
	 */
	static Breakdown read(Path dir) throws IOException {
		Map<String, ThreadCpu> cpu = new LinkedHashMap<>();
		Map<String, ClassLoading> classes = new LinkedHashMap<>();
		if (Files.isDirectory(dir)) {
			try (Stream<Path> files = Files.list(dir)) {
				for (Path file : files.sorted().toList()) {
					Matcher name = STARTUP_FILE.matcher(file.getFileName().toString());
					String text = RunData.text(file);
					if (name.matches() && !text.isBlank()) {
						String key = name.group(2) + "/" + name.group(3);
						if (name.group(1).equals("cpu")) {
							cpu.put(key, ThreadCpu.parse(text));
						}
						else {
							classes.put(key, ClassLoading.parse(text));
						}
					}
				}
			}
		}
		List<MemoryPhase> memory = new ArrayList<>();
		for (String[] cells : RunData.tsv(RunData.text(dir.resolve("memory-profile.tsv")), 5)) {
			String summary = RunData.text(dir.resolve("nmt-" + cells[0] + ".txt"));
			Optional<NativeMemory> nmt = summary.contains("committed=") ? Optional.of(NativeMemory.parse(summary))
					: Optional.empty();
			memory.add(new MemoryPhase(cells[0], RunData.number(cells[1]), RunData.number(cells[2]),
					RunData.number(cells[3]), RunData.number(cells[4]), nmt,
					HeapSizes.parse(RunData.text(dir.resolve("flags-" + cells[0] + ".txt")))));
		}
		String threads = RunData.text(dir.resolve("threads.tsv"));
		return new Breakdown(cpu, classes, memory, RunData.results(RunData.text(dir.resolve("memory-load.tsv"))),
				RunData.results(RunData.text(dir.resolve("memory-load-defaults.tsv"))),
				threads.isBlank() ? List.of() : ThreadsTable.parse(threads));
	}

	/**
	 * The CPU time of an app at readiness under a profile.
	 * @param profile the profile
	 * @param app {@code agent} or {@code frontend}
	 * @return the reading, or empty
	 */
	Optional<ThreadCpu> cpu(String profile, String app) {
		return Optional.ofNullable(this.startupCpu.get(profile + "/" + app));
	}

	/**
	 * The class loading of an app at readiness under a profile.
	 * @param profile the profile
	 * @param app {@code agent} or {@code frontend}
	 * @return the reading, or empty
	 */
	Optional<ClassLoading> classes(String profile, String app) {
		return Optional.ofNullable(this.startupClasses.get(profile + "/" + app));
	}

}
