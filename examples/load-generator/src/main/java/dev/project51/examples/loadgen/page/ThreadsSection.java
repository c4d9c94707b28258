package dev.project51.examples.loadgen.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.project51.examples.loadgen.host.ThreadGroups;
import dev.project51.examples.loadgen.report.ThreadsTable;

/**
 * The page's table of where the apps' CPU time went, by group of threads, in the relay
 * rows at the highest concurrency: per answer, so that the frontend's share of a relayed
 * answer stands beside the agent's.
 */
final class ThreadsSection {

	/** A group below this share of its process's CPU time is counted among the others. */
	private static final double SHOWN_SHARE = 0.03;

	/**
	 * An app below this share of the busiest app's CPU time in a row had no part in it
	 * (the frontend while the agent is called directly) and is left out.
	 */
	private static final double IDLE_APP = 0.05;

	private static final String LOAD_GENERATOR = "load generator";

	private ThreadsSection() {
	}

	static void write(List<ThreadsTable.Row> rows, StringBuilder md) {
		int highest = rows.stream()
			.filter((row) -> row.scenario().startsWith("relay"))
			.mapToInt(ThreadsTable.Row::concurrency)
			.max()
			.orElse(0);
		// scenario, then process, then its groups in the file's order (most CPU first)
		Map<String, Map<String, List<ThreadsTable.Row>>> runs = new LinkedHashMap<>();
		for (ThreadsTable.Row row : rows) {
			if (row.scenario().startsWith("relay") && row.concurrency() == highest
					&& !row.process().equals(LOAD_GENERATOR)) {
				runs.computeIfAbsent(row.scenario(), (key) -> new LinkedHashMap<>())
					.computeIfAbsent(row.process(), (key) -> new ArrayList<>())
					.add(row);
			}
		}
		if (runs.isEmpty()) {
			return;
		}
		md.append("### Under load: where the apps' CPU time goes, by thread\n\n")
			.append("The relay rows at concurrency ")
			.append(highest)
			.append(": the CPU time (user + system) each group of an app's threads used during the measured part, ")
			.append("per successful answer, and how often those threads were switched off a core (voluntary and ")
			.append("involuntary context switches: a thread that parks to wait for the next piece of a stream, or is ")
			.append("preempted). Read from `/proc/PID/task/*/stat` and `status` at the start and the end of the ")
			.append("measured part (`--threads`). A group is a thread name as Linux keeps it (15 characters) without ")
			.append("its number: `project51-front` are the frontend's stream threads, one per answer, which read the ")
			.append("agent's stream from its socket (the frontend's default transport, Apache HttpClient) and write ")
			.append("each token to the browser; a `")
			.append(ThreadGroups.HTTP_CLIENT)
			.append("` group shows only where an app talks through the JDK's `HttpClient`, whose selector thread ")
			.append("reads every connection and hands each piece to the waiting thread; `")
			.append(ThreadGroups.TOMCAT)
			.append("` serves the requests; `")
			.append(ThreadGroups.JIT)
			.append("` is code still being compiled during the row. Groups under ")
			.append(Math.round(SHOWN_SHARE * 100))
			.append(" % of their app's time are summed as others; an app that was idle in a row is left out.\n\n")
			.append("| scenario | app | thread group | threads | CPU ms per answer | share of the app | switches per ")
			.append("answer |\n|---|---|---|---|---|---|---|\n");
		List<String> totals = new ArrayList<>();
		runs.forEach((scenario, processes) -> processes.forEach((process, groups) -> {
			long ok = Math.max(1, groups.get(0).ok());
			long cpu = cpu(groups);
			long busiest = processes.values().stream().mapToLong(ThreadsSection::cpu).max().orElse(0);
			if (cpu < IDLE_APP * busiest) {
				return;
			}
			long switches = groups.stream().mapToLong((row) -> row.use().switches()).sum();
			long otherCpu = 0;
			long otherSwitches = 0;
			int others = 0;
			for (ThreadsTable.Row row : groups) {
				long millis = row.use().cpu().toMillis();
				if (cpu > 0 && millis >= SHOWN_SHARE * cpu) {
					line(md, scenario, process, row.use().group(), Integer.toString(row.use().threads()), millis, cpu,
							row.use().switches(), ok);
				}
				else {
					otherCpu += millis;
					otherSwitches += row.use().switches();
					others++;
				}
			}
			if (others > 0) {
				line(md, scenario, process, "others (" + others + " groups)", "", otherCpu, cpu, otherSwitches, ok);
			}
			totals.add(String.format(Locale.ROOT, "%s, %s: %.1f ms of CPU and %.0f switches per answer", scenario,
					process, (double) cpu / ok, (double) switches / ok));
		}));
		md.append("\nIn all: ").append(String.join("; ", totals)).append(".\n\n");
	}

	private static long cpu(List<ThreadsTable.Row> groups) {
		return groups.stream().mapToLong((row) -> row.use().cpu().toMillis()).sum();
	}

	private static void line(StringBuilder md, String scenario, String process, String group, String threads,
			long millis, long total, long switches, long ok) {
		md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.0f %% | %.1f |\n", scenario, process,
				group, threads, (double) millis / ok, (total > 0) ? 100.0 * millis / total : 0,
				(double) switches / ok));
	}

}
