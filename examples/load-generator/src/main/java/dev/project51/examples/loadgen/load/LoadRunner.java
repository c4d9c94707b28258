package dev.project51.examples.loadgen.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a scenario as a closed loop: a fixed number of callers, each sending its next
 * request as soon as the previous one ended, first for a warm-up whose results are
 * dropped, then, without a pause, for the measured duration. A call is measured when it
 * starts in the measured part: the callers all start together at the beginning of the
 * warm-up, not again at the beginning of the measured part, so that what is measured is
 * the steady state, not a burst of simultaneous first requests. Callers stop starting
 * calls at the end of the duration (or, with a least number of calls, once that many have
 * ended too); calls already running are waited for (up to a grace period) and counted.
 * <p>
 * A failed call is counted by its {@link ScenarioException#kind() kind} and the caller
 * goes on; an unexpected runtime exception is counted by its class name. Nothing a
 * scenario throws ends the run.
 *
 * @since 0.1.0
 */
public final class LoadRunner {

	private static final Runnable NOTHING = () -> {
	};

	/**
	 * How many times the duration a measured run may last to reach its least number of
	 * calls.
	 */
	public static final int MAX_EXTENSION = 10;

	private final Duration warmup;

	private final Duration duration;

	private final Duration grace;

	private final int minCalls;

	/**
	 * Create a runner that measures for the duration.
	 * @param warmup how long to run before measuring (zero for none)
	 * @param duration how long to measure
	 * @param grace how long to wait for calls still running when the duration is over;
	 * calls running longer are counted as unfinished and interrupted
	 */
	public LoadRunner(Duration warmup, Duration duration, Duration grace) {
		this(warmup, duration, grace, 0);
	}

	/**
	 * Create a runner whose measured runs also count enough calls for their percentiles:
	 * a run goes on past the duration until its callers together have ended
	 * {@code minCalls} calls, for at most {@link #MAX_EXTENSION} times the duration.
	 * @param warmup how long to run before measuring (zero for none)
	 * @param duration how long to measure at least
	 * @param grace how long to wait for calls still running when the run is over; calls
	 * running longer are counted as unfinished and interrupted
	 * @param minCalls how many calls a measured run ends at least, 0 for no such bound
	 */
	public LoadRunner(Duration warmup, Duration duration, Duration grace, int minCalls) {
		if (warmup == null || warmup.isNegative()) {
			throw new IllegalArgumentException("warmup must be >= 0, was " + warmup);
		}
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("duration must be > 0, was " + duration);
		}
		if (grace == null || grace.isNegative()) {
			throw new IllegalArgumentException("grace must be >= 0, was " + grace);
		}
		if (minCalls < 0) {
			throw new IllegalArgumentException("minCalls must be >= 0, was " + minCalls);
		}
		this.warmup = warmup;
		this.duration = duration;
		this.grace = grace;
		this.minCalls = minCalls;
	}

	/**
	 * Warms up, then measures a scenario at one concurrency.
	 * @param scenario the scenario
	 * @param concurrency how many callers run at once, at least 1
	 * @return the measured run
	 * @throws InterruptedException if this thread is interrupted
	 */
	public RunResult run(Scenario scenario, int concurrency) throws InterruptedException {
		return run(scenario, concurrency, NOTHING);
	}

	/**
	 * Warms up, then measures a scenario at one concurrency, saying when the measured
	 * part starts: it ends when this method returns.
	 * @param scenario the scenario
	 * @param concurrency how many callers run at once, at least 1
	 * @param measuring called on this thread once the warm-up is over, while the callers
	 * go on; the calls they start after it returned are measured
	 * @return the measured run
	 * @throws InterruptedException if this thread is interrupted
	 */
	public RunResult run(Scenario scenario, int concurrency, Runnable measuring) throws InterruptedException {
		// One copy per caller for the whole row: a browser keeps its session from the
		// warm-up on.
		return phase(scenario, callers(scenario, concurrency), this.warmup, this.duration, measuring, this.minCalls);
	}

	/**
	 * Runs a scenario at one concurrency for a while, before any row of it is measured,
	 * so that the processes under test reach their steady state (class loading, JIT
	 * compilation, pools and caches filled). Callers have their own copies of the
	 * scenario, not those of a later {@link #run}.
	 * @param scenario the scenario
	 * @param concurrency how many callers run at once, at least 1
	 * @param length how long, more than zero
	 * @return what the priming run did: the caller drops it from every report
	 * @throws InterruptedException if this thread is interrupted
	 */
	public RunResult prime(Scenario scenario, int concurrency, Duration length) throws InterruptedException {
		if (length == null || length.isZero() || length.isNegative()) {
			throw new IllegalArgumentException("length must be > 0, was " + length);
		}
		return phase(scenario, callers(scenario, concurrency), Duration.ZERO, length, NOTHING, 0);
	}

	private static List<Scenario> callers(Scenario scenario, int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
		}
		List<Scenario> perCaller = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			perCaller.add(scenario.forCaller());
		}
		return perCaller;
	}

	private RunResult phase(Scenario scenario, List<Scenario> perCaller, Duration warmup, Duration length,
			Runnable starting, int calls) throws InterruptedException {
		int concurrency = perCaller.size();
		CountDownLatch ready = new CountDownLatch(concurrency);
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch finished = new CountDownLatch(concurrency);
		List<Caller> callers = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		Window window = new Window();
		AtomicLong ended = new AtomicLong();
		for (int i = 0; i < concurrency; i++) {
			Caller caller = new Caller(perCaller.get(i));
			callers.add(caller);
			Thread thread = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
					caller.loop(window, ended, calls);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					finished.countDown();
				}
			}, "loadgen-" + scenario.name() + "-" + i);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		ready.await();
		Duration longest = (calls > 0) ? length.multipliedBy(MAX_EXTENSION) : length;
		boolean all;
		try {
			if (warmup.isZero()) {
				starting.run();
				window.open(length, longest);
				go.countDown();
			}
			else {
				go.countDown();
				// The callers cannot finish before the window closes, unless interrupted.
				finished.await(warmup.toNanos(), TimeUnit.NANOSECONDS);
				starting.run();
				window.open(length, longest);
			}
			all = finished.await(longest.plus(this.grace).toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			// Without a window the callers would call on forever.
			threads.forEach(Thread::interrupt);
			throw ex;
		}
		long start = window.opened;
		long end = System.nanoTime();
		int unfinished = 0;
		if (!all) {
			for (Thread thread : threads) {
				if (thread.isAlive()) {
					unfinished++;
					thread.interrupt();
				}
			}
		}
		// Read what the callers recorded only after they stopped (or were given up on).
		List<long[]> latencies = new ArrayList<>();
		List<long[]> firstTokens = new ArrayList<>();
		Map<String, Long> errors = new HashMap<>();
		for (Caller caller : callers) {
			synchronized (caller) {
				latencies.add(Arrays.copyOf(caller.latencies, caller.count));
				firstTokens.add(Arrays.copyOf(caller.firstTokens, caller.streams));
				caller.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
			}
		}
		return new RunResult(scenario.name(), scenario.endpoint(), concurrency, Duration.ofNanos(end - start),
				Percentiles.of(concat(latencies)), Percentiles.of(concat(firstTokens)), errors, unfinished);
	}

	private static long[] concat(List<long[]> arrays) {
		long[] all = new long[arrays.stream().mapToInt((array) -> array.length).sum()];
		int at = 0;
		for (long[] array : arrays) {
			System.arraycopy(array, 0, all, at, array.length);
			at += array.length;
		}
		return all;
	}

	/**
	 * The measured part of a phase: closed until {@link #open}, then measured from that
	 * moment to its deadline (or its last deadline, for a least number of calls).
	 */
	private static final class Window {

		private volatile boolean open;

		private long opened;

		private long deadline;

		private long last;

		void open(Duration length, Duration longest) {
			long now = System.nanoTime();
			this.opened = now;
			this.deadline = now + length.toNanos();
			this.last = now + longest.toNanos();
			// The volatile write publishes the times above to the callers.
			this.open = true;
		}

		boolean isOpen() {
			return this.open;
		}

	}

	/**
	 * One caller's loop and what it recorded; guarded by its own monitor so that a caller
	 * given up on cannot change what is being read.
	 */
	private static final class Caller {

		private final Scenario scenario;

		private long[] latencies = new long[1024];

		private int count;

		private long[] firstTokens = new long[1024];

		private int streams;

		private final Map<String, Long> errors = new HashMap<>();

		Caller(Scenario scenario) {
			this.scenario = scenario;
		}

		/**
		 * Calls until the window's deadline has passed and the callers together ended
		 * enough measured calls, or its last deadline has passed. Only calls started once
		 * the window is open are recorded.
		 */
		void loop(Window window, AtomicLong ended, int calls) throws InterruptedException {
			while (!Thread.currentThread().isInterrupted()) {
				boolean measured = window.isOpen();
				long now = System.nanoTime();
				if (measured && (now - window.last >= 0 || (now - window.deadline >= 0 && ended.get() >= calls))) {
					return;
				}
				long start = System.nanoTime();
				try {
					Outcome outcome = this.scenario.call();
					if (measured) {
						succeeded(System.nanoTime() - start, outcome);
					}
				}
				catch (ScenarioException ex) {
					if (measured) {
						failed(ex.kind());
					}
				}
				catch (RuntimeException ex) {
					if (measured) {
						failed(ex.getClass().getSimpleName());
					}
				}
				if (measured) {
					ended.incrementAndGet();
				}
			}
		}

		private synchronized void failed(String kind) {
			this.errors.merge(kind, 1L, Long::sum);
		}

		private synchronized void succeeded(long latency, Outcome outcome) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = latency;
			if (outcome != null && outcome.streamed()) {
				if (this.streams == this.firstTokens.length) {
					this.firstTokens = Arrays.copyOf(this.firstTokens, this.streams * 2);
				}
				this.firstTokens[this.streams++] = outcome.firstTokenNanos();
			}
		}

	}

}
