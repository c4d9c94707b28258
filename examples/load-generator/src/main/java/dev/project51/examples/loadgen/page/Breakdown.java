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
 * <li>{@code memory-profile.tsv} with {@code nmt-PHASE.txt}: the agent's memory,
 * {@link MemoryPhase} by phase;</li>
 * <li>{@code memory-load.tsv}: the load generator's row of that memory profile;</li>
 * <li>{@code threads.tsv}: where each process's CPU time went by group of threads in each
 * row of the load run ({@link ThreadsTable}).</li>
 * </ul>
 *
 * @param startupCpu CPU time at readiness by {@code PROFILE/APP}, in the files' order
 * @param memory the memory profile's phases
 * @param memoryLoad the memory profile's load
 * @param loadThreads the load run's CPU time by group of threads
 */
record Breakdown(Map<String, ThreadCpu> startupCpu, List<MemoryPhase> memory, List<ResultRow> memoryLoad,
		List<ThreadsTable.Row> loadThreads) {

	static final Breakdown NONE = new Breakdown(Map.of(), List.of(), List.of(), List.of());

	private static final Pattern CPU_FILE = Pattern.compile("cpu-(.+)-(agent|frontend)\\.txt");

	Breakdown {
		startupCpu = Collections.unmodifiableMap(new LinkedHashMap<>(startupCpu));
		memory = List.copyOf(memory);
		memoryLoad = List.copyOf(memoryLoad);
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
		if (Files.isDirectory(dir)) {
			try (Stream<Path> files = Files.list(dir)) {
				for (Path file : files.sorted().toList()) {
					Matcher name = CPU_FILE.matcher(file.getFileName().toString());
					String text = RunData.text(file);
					if (name.matches() && !text.isBlank()) {
						cpu.put(name.group(1) + "/" + name.group(2), ThreadCpu.parse(text));
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
					RunData.number(cells[3]), RunData.number(cells[4]), nmt));
		}
		String threads = RunData.text(dir.resolve("threads.tsv"));
		return new Breakdown(cpu, memory, RunData.results(RunData.text(dir.resolve("memory-load.tsv"))),
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

}
