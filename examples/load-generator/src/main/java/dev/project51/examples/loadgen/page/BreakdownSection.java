package dev.project51.examples.loadgen.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.project51.examples.loadgen.report.Numbers;
import dev.project51.examples.loadgen.report.ResultRow;

/**
 * The page's section on where the time and the memory go: the profiles that explain how
 * far the unmet targets are, written from the run's {@link Breakdown} and its rows.
 */
final class BreakdownSection {

	static final String TITLE = "Where the time and the memory go";

	static final String ANCHOR = "#where-the-time-and-the-memory-go";

	/**
	 * The load generator's own column among the processes whose CPU use a row reports.
	 */
	private static final String LOAD_GENERATOR = "load generator";

	private BreakdownSection() {
	}

	static void write(RunData data, StringBuilder md) {
		md.append("## ").append(TITLE).append("\n\n");
		md.append("The profiles behind the targets this run did not meet, measured by the same command.\n\n");
		startup(data, md);
		classes(data, md);
		memory(data, md);
		cores(data, md);
		ThreadsSection.write(data.breakdown().loadThreads(), md);
		samples(data, md);
		jmh(data, md);
	}

	private static void startup(RunData data, StringBuilder md) {
		md.append("### Start-up: CPU time at readiness\n\n");
		if (data.breakdown().startupCpu().isEmpty()) {
			md.append("Not measured in this run.\n\n");
			return;
		}
		int cores = cores(data);
		md.append("Each app's CPU time when its readiness probe first answered, read from `/proc` at that moment, by ")
			.append("thread: the `java` threads run `main`, where Spring refreshes the application context on one ")
			.append("thread; the JIT compilers; the collector and the VM thread (safepoints); and the rest (the ")
			.append("application's own threads and threads that had ended). Ready cannot come sooner than the main ")
			.append("thread's CPU time, nor sooner than all the CPU time spread over the machine's ")
			.append(cores)
			.append(" cores: the larger of the two is the floor. A start-up within the targets needs that much ")
			.append("less work, not better overlap.\n\n");
		md.append("| profile | app | ready s | CPU s, all threads | main s | JIT compilers s | GC and VM thread s ")
			.append("| other s | floor s |\n|---|---|---|---|---|---|---|---|---|\n");
		startupRows(data, md, (profile, app) -> data.breakdown().cpu(profile, app),
				(t) -> List.of(Numbers.seconds(t.totalMs()), Numbers.seconds(t.mainMs()),
						Numbers.seconds(t.compilerMs()), Numbers.seconds(t.gcMs()), Numbers.seconds(t.otherMs()),
						Numbers.seconds(Math.max(t.mainMs(), t.totalMs() / cores))));
		md.append('\n');
	}

	private static void classes(RunData data, StringBuilder md) {
		if (data.breakdown().startupClasses().isEmpty()) {
			return;
		}
		md.append("### Start-up: classes at readiness\n\n");
		md.append("What the start-up spent on classes, from the JVM's own counters at the same moment ")
			.append("(`jstat -J-Djstat.showUnsupported=true -snap PID`, which reads them without attaching). ")
			.append("Seconds of elapsed time on the threads that loaded classes, waiting for a core included: ")
			.append("static initialisers (their own code), linking and verification, and the rest (finding, ")
			.append("reading, parsing and defining classes). A class data archive (appcds, run-local) skips parsing ")
			.append("and verifying the classes it holds; JDK 25's AOT cache (aot-cache: the images' flags and a ")
			.append("cache from the same training run, on a JDK 25) also holds them loaded and linked. Neither runs ")
			.append("a static initialiser ahead of time, nor Spring's context refresh, which is the rest of ")
			.append("`main`'s time above.\n\n");
		md.append("| profile | app | ready s | classes | from the archive or cache | class loading s, all ")
			.append("| static initialisers s | linking and verification s | finding, reading, parsing s |\n")
			.append("|---|---|---|---|---|---|---|---|---|\n");
		startupRows(data, md, (profile, app) -> data.breakdown().classes(profile, app),
				(c) -> List.of(String.valueOf(c.classes()), String.valueOf(c.archivedClasses()),
						Numbers.seconds(c.totalMs()), Numbers.seconds(c.initializersMs()),
						Numbers.seconds(c.linkingMs()), Numbers.seconds(c.loadingMs())));
		md.append('\n');
	}

	/**
	 * Writes a table row for each app of each start-up profile that has a reading: the
	 * profile, the app, its time to readiness, then the reading's cells.
	 */
	private static <T> void startupRows(RunData data, StringBuilder md, BiFunction<String, String, Optional<T>> reading,
			Function<T, List<String>> cells) {
		for (StartupRow row : data.startup()) {
			for (String app : List.of("agent", "frontend")) {
				Optional<T> value = reading.apply(row.profile(), app);
				if (value.isPresent()) {
					long ready = app.equals("agent") ? row.agentReadyMs() : row.frontendReadyMs();
					md.append("| ")
						.append(row.profile())
						.append(" | ")
						.append(app)
						.append(" | ")
						.append(Numbers.seconds(ready))
						.append(" | ")
						.append(String.join(" | ", cells.apply(value.get())))
						.append(" |\n");
				}
			}
		}
	}

	private static void memory(RunData data, StringBuilder md) {
		md.append("### Memory: what the apps' resident memory holds\n\n");
		List<MemoryPhase> phases = data.breakdown().memory();
		if (phases.isEmpty()) {
			md.append("Not measured in this run.\n\n");
			return;
		}
		List<String> starts = new ArrayList<>();
		if (phases.stream().anyMatch((phase) -> !phase.frontend() && !phase.jvmDefaults() && !phase.peer())) {
			starts.add("the agent with `" + data.get("memory.flags", "?").strip() + "` (the container profile's "
					+ "flags, as on Kubernetes, and the JVM's Native Memory Tracking)");
		}
		if (phases.stream().anyMatch((phase) -> phase.frontend() && !phase.jvmDefaults())) {
			starts.add("the frontend with `" + data.get("memory.frontend.flags", "?").strip() + "`");
		}
		if (phases.stream().anyMatch(MemoryPhase::jvmDefaults)) {
			starts.add("both again, in the columns of the JVM's defaults, with `"
					+ data.get("memory.defaults.flags", "?").strip() + "` (the profile defaults: the JVM sizes the "
					+ "heap for the machine, starting with 1/64 of its memory and growing up to 1/4)");
		}
		if (phases.stream().anyMatch(MemoryPhase::peer)) {
			starts.add("the agent as the peer race runs it, in the columns of the peer race's flags, with `"
					+ data.get("memory.peer.flags", "?").strip() + "` and its provider at the race's fake upstream, "
					+ "under the race's load at the highest concurrency on its `/v1` alone");
		}
		md.append("The apps started one at a time: ").append(String.join("; then ", starts));
		md.append(". Each was measured 5 s after it was ready (idle), and the agent also halfway through streaming ")
			.append("answers (or completions) at the concurrency the phase names. The JVM's summary ")
			.append("(`jcmd PID VM.native_memory summary`) counts what the JVM committed, and its flags ")
			.append("(`jcmd PID VM.flags`) the heap it chose; the kernel counts the resident memory, anonymous (the ")
			.append("heap, stacks, every `malloc`) and file-backed (the JDK's libraries, the class data archive, the ")
			.append("jar). Anonymous memory beyond what the JVM committed is what native libraries allocate ")
			.append("themselves: in the agent, ONNX Runtime and the tokenizer of the in-process embedding model. It ")
			.append("is a lower bound, since committed memory need not all be resident. MiB:\n\n");
		md.append("| | ");
		phases.forEach((phase) -> md.append(phase.label()).append(" | "));
		md.append("\n|---|");
		phases.forEach((phase) -> md.append("---|"));
		md.append('\n');
		row(md, "heap the JVM started with (InitialHeapSize)", phases,
				(phase) -> phase.heap().map(HeapSizes::initialMib).orElse(Double.NaN));
		row(md, "heap it may grow to (MaxHeapSize)", phases,
				(phase) -> phase.heap().map(HeapSizes::maxMib).orElse(Double.NaN));
		Set<String> categories = new LinkedHashSet<>();
		phases.forEach((phase) -> phase.nmt().ifPresent((nmt) -> categories.addAll(nmt.committedKib().keySet())));
		List<String> small = categories.stream()
			.filter((category) -> phases.stream()
				.allMatch((phase) -> phase.nmt().map((nmt) -> nmt.mib(category) < 1).orElse(true)))
			.toList();
		for (String category : categories) {
			if (!small.contains(category)) {
				row(md, "JVM: " + category, phases,
						(phase) -> phase.nmt().map((nmt) -> nmt.mib(category)).orElse(Double.NaN));
			}
		}
		if (!small.isEmpty()) {
			row(md, "JVM: " + small.size() + " more categories, each under 1 MiB", phases,
					(phase) -> phase.nmt().map((nmt) -> small.stream().mapToDouble(nmt::mib).sum()).orElse(Double.NaN));
		}
		row(md, "**JVM committed, total**", phases,
				(phase) -> phase.nmt().map(NativeMemory::totalMib).orElse(Double.NaN));
		row(md, "**resident (RSS)**", phases, MemoryPhase::rssMib);
		row(md, "resident, anonymous", phases, MemoryPhase::anonymousMib);
		row(md, "resident, file-backed", phases, MemoryPhase::fileMib);
		row(md, "**anonymous beyond the JVM's committed (native libraries), at least**", phases,
				MemoryPhase::untrackedMib);
		row(md, "highest resident so far (VmHWM)", phases, MemoryPhase::peakMib);
		md.append('\n');
		peaks(data.breakdown().memoryLoad(), "", md);
		peaks(data.breakdown().memoryLoadDefaults(), "With the JVM's defaults, ", md);
	}

	/** The agent's highest resident memory under each load row of the memory profile. */
	private static void peaks(List<ResultRow> rows, String lead, StringBuilder md) {
		rows.stream()
			.filter((row) -> !Double.isNaN(row.peakRssMib().getOrDefault("agent", Double.NaN)))
			.forEach((row) -> md.append(lead.isEmpty() ? "Under " : lead + "under ")
				.append(row.concurrency())
				.append(" streams the agent's resident memory peaked at ")
				.append(Targets.mib(row.peakRssMib().get("agent")))
				.append(" (sampled every 200 ms over the measured part; ")
				.append(row.ok())
				.append(" answers, ")
				.append(row.failures())
				.append(" failed).\n\n"));
	}

	private static void row(StringBuilder md, String label, List<MemoryPhase> phases,
			Function<MemoryPhase, Double> value) {
		md.append("| ").append(label).append(" | ");
		phases.forEach((phase) -> {
			double mib = value.apply(phase);
			md.append(Double.isNaN(mib) ? "–" : String.format(Locale.ROOT, "%.0f", mib)).append(" | ");
		});
		md.append('\n');
	}

	/**
	 * How busy the compared rows kept the machine's cores: where the apps and the load
	 * generator together use them all, the latency is queueing for a core.
	 */
	private static void cores(RunData data, StringBuilder md) {
		// the apps first, the load generator last, whatever order the rows' maps keep
		Set<String> processes = new TreeSet<>(Comparator.comparing((String name) -> name.equals(LOAD_GENERATOR))
			.thenComparing(Comparator.naturalOrder()));
		List<ResultRow> rows = new ArrayList<>();
		for (List<ResultRow> source : List.of(data.load(), data.peer())) {
			for (ResultRow row : source) {
				if ((row.scenario().startsWith("relay") || row.scenario().startsWith("completions"))
						&& !row.cpuPercent().isEmpty()) {
					rows.add(row);
					processes.addAll(row.cpuPercent().keySet());
				}
			}
		}
		if (rows.isEmpty()) {
			return;
		}
		int cores = cores(data);
		md.append("### Under load: how busy the cores were\n\n")
			.append("CPU time of each process during a row's measured part over its wall time (100 % = one core ")
			.append("busy); the machine has ")
			.append(cores)
			.append(" cores, ")
			.append(cores * 100)
			.append(" %. Where the processes together come near that, every process waits for a core and the ")
			.append("overhead of a relay is mostly that wait.\n\n| scenario | concurrency |");
		processes.forEach((name) -> md.append(' ').append(name).append(" % |"));
		md.append(" all % |\n|---|---|").append("---|".repeat(processes.size() + 1)).append('\n');
		for (ResultRow row : rows) {
			md.append("| ").append(row.scenario()).append(" | ").append(row.concurrency()).append(" |");
			double all = 0;
			for (String name : processes) {
				Double percent = row.cpuPercent().get(name);
				all += (percent != null) ? percent : 0;
				md.append(' ')
					.append((percent != null) ? String.format(Locale.ROOT, "%.0f", percent) : "–")
					.append(" |");
			}
			md.append(String.format(Locale.ROOT, " %.0f |", all)).append('\n');
		}
		md.append('\n');
	}

	/**
	 * How many calls the concurrency-1 percentiles come from: with a few dozen, the p99
	 * is the slowest call.
	 */
	private static void samples(RunData data, StringBuilder md) {
		StringBuilder rows = new StringBuilder();
		for (List<ResultRow> source : List.of(data.load(), data.peer())) {
			for (ResultRow row : source) {
				if (row.concurrency() == 1 && !Double.isNaN(row.firstTokenP99())) {
					int rank = (int) Math.ceil(0.99 * row.ok());
					rows.append("| ")
						.append(row.scenario())
						.append(" | ")
						.append(row.ok())
						.append(" | ")
						.append((rank >= row.ok()) ? "the slowest" : "the " + ordinal(row.ok() - rank + 1) + " slowest")
						.append(" | ")
						.append(Numbers.millis(row.firstTokenP50()))
						.append(" / ")
						.append(Numbers.millis(row.firstTokenP99()))
						.append(" |\n");
				}
			}
		}
		if (rows.isEmpty()) {
			return;
		}
		md.append("### Percentiles at concurrency 1: how many calls\n\n")
			.append("At concurrency 1 a row holds the calls that fit one after the other in its measured time ")
			.append("(or the least number the settings ask for). Its p99 (nearest rank) is one of its slowest ")
			.append("calls: with fewer than 100 the slowest, so that a p99 target compares one call of each ")
			.append("side.\n\n")
			.append("| scenario | calls | p99 is | first token p50 / p99 ms |\n|---|---|---|---|\n")
			.append(rows)
			.append('\n');
	}

	/**
	 * Whether the client's distance from item 2's limit (105 % of the raw call's score)
	 * is larger than JMH's error: the comparison behind the targets' verdict.
	 */
	private static void jmh(RunData data, StringBuilder md) {
		if (data.jmh().isEmpty()) {
			return;
		}
		md.append("### The client against raw calls: JMH's error\n\n")
			.append("Item 2's verdict compares the client's score with 105 % of the raw call's. Where their ")
			.append("distance is within the two scores' errors added up (JMH's 99.9 % half-intervals), the run ")
			.append("cannot tell on which side of the limit the client is.\n\n");
		for (String[] pair : Targets.CLIENT_PAIRS) {
			Optional<JmhScore> client = Targets.jmh(data, pair[0]);
			Optional<JmhScore> raw = Targets.jmh(data, pair[1]);
			if (client.isEmpty() || raw.isEmpty()) {
				continue;
			}
			double limit = Targets.clientLimit(raw.get());
			double distance = client.get().score() - limit;
			double error = client.get().error() + raw.get().error();
			md.append(String.format(Locale.ROOT,
					"- `%s` − 105 %% of `%s` = %.0f − %.0f = %+.0f %s; their errors add up to ± %.0f %s: %s\n", pair[0],
					pair[1], client.get().score(), limit, distance, raw.get().unit(), error, raw.get().unit(),
					(Math.abs(distance) <= error) ? "within the error, not established"
							: "larger than the error, so the verdict holds"));
		}
		md.append('\n');
	}

	private static int cores(RunData data) {
		String cores = data.get("machine.cores", "1").strip();
		return cores.matches("\\d{1,4}") ? Math.max(1, Integer.parseInt(cores)) : 1;
	}

	private static String ordinal(long n) {
		return switch ((int) n) {
			case 2 -> "2nd";
			case 3 -> "3rd";
			default -> n + "th";
		};
	}

}
