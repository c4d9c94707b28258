package dev.project51.examples.loadgen.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CPU time of some processes goes over a stretch of time, by group of threads
 * ({@link ThreadGroups}), with how often those threads were switched off a core: read
 * from {@code /proc/PID/stat} and each {@code /proc/PID/task/TID/stat} and {@code status}
 * (Linux) at {@link #start()} and at {@link #use()}. A thread that started in between
 * counts from zero; the time of threads that ended in between is reported as
 * {@link ThreadUse#ENDED}.
 *
 * @since 0.1.0
 */
public final class ThreadMeter {

	private final Map<String, Path> processes;

	private final Map<String, Reading> started = new HashMap<>();

	/**
	 * A meter of processes of this machine that has not started yet.
	 * @param pids the processes by name
	 * @return the meter
	 */
	public static ThreadMeter of(Map<String, Long> pids) {
		Map<String, Path> directories = new LinkedHashMap<>();
		pids.forEach((name, pid) -> directories.put(name, Path.of("/proc", Long.toString(pid))));
		return new ThreadMeter(directories);
	}

	/**
	 * A meter that has not started yet.
	 * @param processes each process's directory in the layout of {@code /proc/PID}, by
	 * name
	 */
	public ThreadMeter(Map<String, Path> processes) {
		this.processes = new LinkedHashMap<>(processes);
	}

	/**
	 * Reads every process's threads now, where the next {@link #use()} starts.
	 */
	public void start() {
		this.started.clear();
		this.processes.forEach((name, dir) -> read(dir).ifPresent((reading) -> this.started.put(name, reading)));
	}

	/**
	 * What each process's groups of threads used since the last {@link #start()}.
	 * @return by process name, its groups, most CPU time first; a process that could not
	 * be read both then and now is missing
	 */
	public Map<String, List<ThreadUse>> use() {
		Map<String, List<ThreadUse>> use = new LinkedHashMap<>();
		this.processes.forEach((name, dir) -> {
			Reading start = this.started.get(name);
			Optional<Reading> now = read(dir);
			if (start != null && now.isPresent()) {
				use.put(name, now.get().since(start));
			}
		});
		return use;
	}

	private static Optional<Reading> read(Path dir) {
		Optional<Duration> total = text(dir.resolve("stat")).flatMap(ProcessCpu::parse);
		if (total.isEmpty()) {
			return Optional.empty();
		}
		Map<String, ThreadReading> threads = new HashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
			for (Path task : tasks) {
				// A thread may end between the listing and the read: it is then not
				// counted.
				Optional<String> stat = text(task.resolve("stat"));
				Optional<Duration> cpu = stat.flatMap(ProcessCpu::parse);
				if (cpu.isPresent()) {
					String line = stat.get();
					String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
					threads.put(task.getFileName().toString(), new ThreadReading(name, cpu.get(),
							text(task.resolve("status")).map(ThreadMeter::switches).orElse(0L)));
				}
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		return Optional.of(new Reading(total.get(), threads));
	}

	private static long switches(String status) {
		long switches = 0;
		for (String line : status.split("\n")) {
			if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
				switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
			}
		}
		return switches;
	}

	private static Optional<String> text(Path file) {
		try {
			return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private record ThreadReading(String name, Duration cpu, long switches) {
	}

	private record Reading(Duration total, Map<String, ThreadReading> threads) {

		List<ThreadUse> since(Reading start) {
			Map<String, long[]> groups = new LinkedHashMap<>();
			long alive = 0;
			for (Map.Entry<String, ThreadReading> thread : this.threads.entrySet()) {
				ThreadReading now = thread.getValue();
				ThreadReading then = start.threads.get(thread.getKey());
				long cpu = now.cpu.toMillis() - ((then != null) ? then.cpu.toMillis() : 0);
				long switches = now.switches - ((then != null) ? then.switches : 0);
				long[] group = groups.computeIfAbsent(ThreadGroups.of(now.name), (key) -> new long[3]);
				group[0]++;
				group[1] += cpu;
				group[2] += switches;
				alive += cpu;
			}
			List<ThreadUse> use = new ArrayList<>();
			groups.forEach(
					(group, sums) -> use.add(new ThreadUse(group, (int) sums[0], Duration.ofMillis(sums[1]), sums[2])));
			long ended = this.total.toMillis() - start.total.toMillis() - alive;
			if (ended > 0) {
				use.add(new ThreadUse(ThreadUse.ENDED, 0, Duration.ofMillis(ended), 0));
			}
			use.sort(Comparator.comparing(ThreadUse::cpu).reversed().thenComparing(ThreadUse::group));
			return List.copyOf(use);
		}

	}

}
