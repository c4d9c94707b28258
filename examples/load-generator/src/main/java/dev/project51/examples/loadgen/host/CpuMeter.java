package dev.project51.examples.loadgen.host;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The CPU use of some processes over a stretch of time: their CPU time between
 * {@link #start()} and {@link #percentages()}, over the wall-clock time between the two,
 * as a percentage where 100 % is one core fully busy.
 *
 * @since 0.1.0
 */
public final class CpuMeter {

	private final Map<String, ProcessCpu> processes;

	private final LongSupplier nanoTime;

	private final Map<String, Duration> started = new HashMap<>();

	private long startedAt;

	/**
	 * A meter that has not started yet.
	 * @param processes the processes by name
	 */
	public CpuMeter(Map<String, ProcessCpu> processes) {
		this(processes, System::nanoTime);
	}

	CpuMeter(Map<String, ProcessCpu> processes, LongSupplier nanoTime) {
		this.processes = new LinkedHashMap<>(processes);
		this.nanoTime = nanoTime;
	}

	/**
	 * Reads the CPU time of every process now, where the next percentages start.
	 */
	public void start() {
		this.started.clear();
		this.processes.forEach((name, cpu) -> cpu.time().ifPresent((time) -> this.started.put(name, time)));
		this.startedAt = this.nanoTime.getAsLong();
	}

	/**
	 * The CPU use of each process since the last {@link #start()}.
	 * @return the percentages by name (100 = one core); a process that could not be read
	 * both then and now is missing
	 */
	public Map<String, Double> percentages() {
		long wall = this.nanoTime.getAsLong() - this.startedAt;
		Map<String, Double> percentages = new LinkedHashMap<>();
		this.processes.forEach((name, cpu) -> {
			Duration start = this.started.get(name);
			Optional<Duration> now = cpu.time();
			if (start != null && now.isPresent() && wall > 0) {
				percentages.put(name, 100.0 * now.get().minus(start).toNanos() / wall);
			}
		});
		return percentages;
	}

}
