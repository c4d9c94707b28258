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
 * Several scenarios can also take turns on one caller ({@link #runInTurns}): at
 * concurrency 1 that compares them over the same stretch of time, so that whatever slows
 * the machine for a while (a collection, a compilation, another process) falls on each of
 * them alike instead of on the one whose row it happens in.
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
		return phase(scenario.name(), callers(scenario, concurrency), this.warmup, this.duration, measuring,
				this.minCalls)
			.get(0);
	}

	/**
	 * Warms up, then measures several scenarios at concurrency 1 taking turns: one caller
	 * calls the first, then the second, and so on, and again from the first, for the
	 * warm-up and the measured part. A round of turns is measured when it starts in the
	 * measured part, and is never cut short, so every scenario has as many calls as the
	 * others (unless the run gives up on one). The warm-up and the measured part last as
	 * long as the scenarios' rows would one after the other, so that each has the caller
	 * for as long as it would alone. Each scenario gets its own result, over the same
	 * measured part; a least number of calls is one for each scenario.
	 * @param scenarios the scenarios, in the order of their turns; at least one, names
	 * distinct
	 * @param measuring called on this thread once the warm-up is over; the calls started
	 * after it returned are measured
	 * @return one result per scenario, in the given order
	 * @throws InterruptedException if this thread is interrupted
	 */
	public List<RunResult> runInTurns(List<Scenario> scenarios, Runnable measuring) throws InterruptedException {
		if (scenarios.isEmpty()) {
			throw new IllegalArgumentException("scenarios must not be empty");
		}
		if (scenarios.stream().map(Scenario::name).distinct().count() != scenarios.size()) {
			throw new IllegalArgumentException(
					"scenario names must be distinct, were " + scenarios.stream().map(Scenario::name).toList());
		}
		List<Scenario> turns = scenarios.stream().map(Scenario::forCaller).toList();
		String name = String.join("+", scenarios.stream().map(Scenario::name).toList());
		// As long as their rows would take one after the other: each scenario has the
		// caller for the time it would have alone.
		return phase(name, List.of(turns), this.warmup.multipliedBy(turns.size()),
				this.duration.multipliedBy(turns.size()), measuring, this.minCalls);
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
		return phase(scenario.name(), callers(scenario, concurrency), Duration.ZERO, length, NOTHING, 0).get(0);
	}

	/** One caller per unit of concurrency, each with its own copy of the scenario. */
	private static List<List<Scenario>> callers(Scenario scenario, int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
		}
		List<List<Scenario>> perCaller = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			perCaller.add(List.of(scenario.forCaller()));
		}
		return perCaller;
	}

	/**
	 * Runs the callers, each calling its scenarios in turn, and gives one result per
	 * scenario (all callers have the same scenarios, in the same order).
	 */
	private List<RunResult> phase(String name, List<List<Scenario>> perCaller, Duration warmup, Duration length,
			Runnable starting, int calls) throws InterruptedException {
		int concurrency = perCaller.size();
		int turns = perCaller.get(0).size();
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
					caller.loop(window, ended, calls * (long) turns);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					finished.countDown();
				}
			}, "loadgen-" + name + "-" + i);
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
		// A caller still running is given up on: its call counts as unfinished.
		boolean[] givenUp = new boolean[concurrency];
		if (!all) {
			for (int i = 0; i < concurrency; i++) {
				if (threads.get(i).isAlive()) {
					givenUp[i] = true;
					threads.get(i).interrupt();
				}
			}
		}
		// Read what the callers recorded only after they stopped (or were given up on).
		List<RunResult> results = new ArrayList<>();
		for (int turn = 0; turn < turns; turn++) {
			List<long[]> latencies = new ArrayList<>();
			List<long[]> firstTokens = new ArrayList<>();
			Map<String, Long> errors = new HashMap<>();
			int unfinished = 0;
			for (int i = 0; i < concurrency; i++) {
				Caller caller = callers.get(i);
				synchronized (caller) {
					Recorder recorder = caller.recorders.get(turn);
					latencies.add(Arrays.copyOf(recorder.latencies, recorder.count));
					firstTokens.add(Arrays.copyOf(recorder.firstTokens, recorder.streams));
					recorder.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
					if (givenUp[i] && caller.turn == turn) {
						unfinished++;
					}
				}
			}
			Scenario scenario = perCaller.get(0).get(turn);
			results.add(new RunResult(scenario.name(), scenario.endpoint(), concurrency, Duration.ofNanos(end - start),
					Percentiles.of(concat(latencies)), Percentiles.of(concat(firstTokens)), errors, unfinished));
		}
		return results;
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
	 * What one caller recorded for one scenario; guarded by the caller's monitor.
	 */
	private static final class Recorder {

		private long[] latencies = new long[1024];

		private int count;

		private long[] firstTokens = new long[1024];

		private int streams;

		private final Map<String, Long> errors = new HashMap<>();

		void failed(String kind) {
			this.errors.merge(kind, 1L, Long::sum);
		}

		void succeeded(long latency, Outcome outcome) {
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

	/**
	 * One caller's loop over its scenarios in turn, and what it recorded for each;
	 * guarded by its own monitor so that a caller given up on cannot change what is being
	 * read.
	 */
	private static final class Caller {

		private final List<Scenario> scenarios;

		private final List<Recorder> recorders = new ArrayList<>();

		/** The scenario whose turn it is. */
		private int turn;

		Caller(List<Scenario> scenarios) {
			this.scenarios = scenarios;
			scenarios.forEach((scenario) -> this.recorders.add(new Recorder()));
		}

		/**
		 * Calls until the window's deadline has passed and the callers together ended
		 * enough measured calls, or its last deadline has passed. Both are checked, and
		 * whether the calls are measured is decided, before the first scenario's turn
		 * only: a round of turns is measured whole or not at all, and never cut short.
		 */
		void loop(Window window, AtomicLong ended, long calls) throws InterruptedException {
			int turns = this.scenarios.size();
			boolean measured = false;
			for (int turn = 0; !Thread.currentThread().isInterrupted(); turn = (turn + 1) % turns) {
				if (turn == 0) {
					measured = window.isOpen();
					long now = System.nanoTime();
					if (measured && (now - window.last >= 0 || (now - window.deadline >= 0 && ended.get() >= calls))) {
						return;
					}
				}
				Recorder recorder = started(turn);
				long start = System.nanoTime();
				try {
					Outcome outcome = this.scenarios.get(turn).call();
					if (measured) {
						succeeded(recorder, System.nanoTime() - start, outcome);
					}
				}
				catch (ScenarioException ex) {
					if (measured) {
						failed(recorder, ex.kind());
					}
				}
				catch (RuntimeException ex) {
					if (measured) {
						failed(recorder, ex.getClass().getSimpleName());
					}
				}
				if (measured) {
					ended.incrementAndGet();
				}
			}
		}

		private synchronized Recorder started(int turn) {
			this.turn = turn;
			return this.recorders.get(turn);
		}

		private synchronized void failed(Recorder recorder, String kind) {
			recorder.failed(kind);
		}

		private synchronized void succeeded(Recorder recorder, long latency, Outcome outcome) {
			recorder.succeeded(latency, outcome);
		}

	}

}
