package dev.project51.examples.loadgen.host;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the resident memory of some processes at a fixed interval and keeps the peak of
 * each since the last {@link #reset()}.
 *
 * @since 0.1.0
 */
public final class RssSampler implements AutoCloseable {

	private final Map<String, ProcessMemory> processes;

	private final Map<String, Long> peaks = new LinkedHashMap<>();

	private final ScheduledExecutorService timer;

	/**
	 * Start sampling.
	 * @param processes the processes by name, in report order
	 * @param interval how often to sample
	 */
	public RssSampler(Map<String, ProcessMemory> processes, Duration interval) {
		this.processes = new LinkedHashMap<>(processes);
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "loadgen-rss-sampler");
			thread.setDaemon(true);
			return thread;
		});
		if (!this.processes.isEmpty()) {
			this.timer.scheduleAtFixedRate(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Takes one sample of every process now.
	 */
	public void sample() {
		this.processes.forEach((name, memory) -> {
			OptionalLong rss = memory.rss();
			if (rss.isPresent()) {
				synchronized (this.peaks) {
					this.peaks.merge(name, rss.getAsLong(), Math::max);
				}
			}
		});
	}

	/**
	 * Forgets the peaks; the next samples start new ones.
	 */
	public void reset() {
		synchronized (this.peaks) {
			this.peaks.clear();
		}
	}

	/**
	 * The names of the sampled processes, in report order.
	 * @return the names
	 */
	public Iterable<String> names() {
		return Collections.unmodifiableSet(this.processes.keySet());
	}

	/**
	 * The peak resident set size of each process since the last reset, in bytes; a
	 * process that could not be read is missing.
	 * @return the peaks by name
	 */
	public Map<String, Long> peaks() {
		synchronized (this.peaks) {
			return Map.copyOf(this.peaks);
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
