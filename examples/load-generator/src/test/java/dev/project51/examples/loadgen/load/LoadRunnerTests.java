package dev.project51.examples.loadgen.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadRunnerTests {

	private final LoadRunner runner = new LoadRunner(Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(5));

	private volatile long sink;

	@Test
	void runsTheGivenNumberOfCallersAtOnce() throws InterruptedException {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Scenario scenario = scenario(() -> {
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			Thread.sleep(20);
			running.decrementAndGet();
			return Outcome.complete();
		});
		RunResult result = this.runner.run(scenario, 8);
		assertThat(most.get()).isEqualTo(8);
		assertThat(result.concurrency()).isEqualTo(8);
		assertThat(result.successes()).isBetween(8L * 5, 8L * 16);
		assertThat(result.failures()).isZero();
		assertThat(result.latencies().percentile(50)).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
		assertThat(result.throughput()).isEqualTo(result.successes() / (result.elapsed().toNanos() / 1e9));
		assertThat(result.firstTokens().isEmpty()).isTrue();
	}

	@Test
	void primingRunsItsOwnCallersAtItsConcurrencyForItsLength() throws InterruptedException {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		AtomicInteger copies = new AtomicInteger();
		CountDownLatch allIn = new CountDownLatch(6);
		Scenario scenario = new TestScenario("test", () -> {
			// the first call of each caller waits until all six are in one
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			allIn.countDown();
			allIn.await(10, TimeUnit.SECONDS);
			running.decrementAndGet();
			return Outcome.complete();
		}, copies);
		RunResult primed = this.runner.prime(scenario, 6, Duration.ofMillis(100));
		assertThat(most.get()).isEqualTo(6);
		assertThat(copies.get()).isEqualTo(6);
		assertThat(primed.concurrency()).isEqualTo(6);
		assertThat(primed.successes()).isPositive();
		assertThatIllegalArgumentException().isThrownBy(() -> this.runner.prime(scenario, 0, Duration.ofMillis(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.runner.prime(scenario, 1, Duration.ZERO));
	}

	@Test
	void failuresAreCountedByKindAndTheCallersGoOn() throws InterruptedException {
		AtomicInteger calls = new AtomicInteger();
		Scenario scenario = scenario(() -> {
			Thread.sleep(2);
			int call = calls.incrementAndGet();
			if (call % 3 == 0) {
				throw new ScenarioException("HTTP 503", "busy", null);
			}
			if (call % 3 == 1) {
				throw new IllegalStateException("a bug in the scenario");
			}
			return Outcome.complete();
		});
		RunResult result = this.runner.run(scenario, 4);
		assertThat(result.errors()).containsOnlyKeys("HTTP 503", "IllegalStateException");
		assertThat(result.successes() + result.failures()).isEqualTo(calls.get());
		assertThat(result.errors().get("HTTP 503")).isGreaterThan(0);
		assertThat(result.successes()).isGreaterThan(0);
	}

	@Test
	void theWarmupIsNotMeasured() throws InterruptedException {
		AtomicInteger calls = new AtomicInteger();
		Scenario scenario = scenario(() -> {
			calls.incrementAndGet();
			Thread.sleep(5);
			return Outcome.complete();
		});
		RunResult result = new LoadRunner(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(5))
			.run(scenario, 2);
		assertThat(calls.get()).isGreaterThan((int) result.successes() + 20);
	}

	@Test
	void theCallsStartedAfterTheAnnouncementAreTheMeasuredOnes() throws InterruptedException {
		int concurrency = 2;
		List<Long> starts = new CopyOnWriteArrayList<>();
		AtomicInteger announced = new AtomicInteger();
		long[] announcement = new long[2];
		Scenario scenario = scenario(() -> {
			starts.add(System.nanoTime());
			work();
			return Outcome.complete();
		});
		RunResult result = new LoadRunner(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(5))
			.run(scenario, concurrency, () -> {
				announcement[0] = System.nanoTime();
				announced.incrementAndGet();
				announcement[1] = System.nanoTime();
			});
		assertThat(announced.get()).isEqualTo(1);
		long before = starts.stream().filter((start) -> start - announcement[0] < 0).count();
		long after = starts.stream().filter((start) -> start - announcement[1] > 0).count();
		assertThat(before).isPositive();
		// Calls that started while the announcement ran may go either way, and so may
		// each caller's one call that it began before the window opened but that reached
		// the scenario only after the announcement returned.
		assertThat(result.successes()).isBetween(after - concurrency, starts.size() - before);
	}

	@Test
	void theCallersGoOnFromTheWarmupIntoTheMeasuredPartWithoutAPause() throws InterruptedException {
		// Calls of 70 ms against a warm-up of 300 ms: if the callers stopped at the end
		// of the warm-up and started again together, none would be running when the
		// measured part is announced.
		AtomicInteger running = new AtomicInteger();
		AtomicInteger runningAtTheAnnouncement = new AtomicInteger(-1);
		Scenario scenario = scenario(() -> {
			running.incrementAndGet();
			try {
				Thread.sleep(70);
			}
			finally {
				running.decrementAndGet();
			}
			return Outcome.complete();
		});
		RunResult result = new LoadRunner(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(5))
			.run(scenario, 2, () -> runningAtTheAnnouncement.set(running.get()));
		assertThat(runningAtTheAnnouncement.get()).isPositive();
		assertThat(result.successes()).isBetween(2L, 2L * 6);
	}

	@Test
	void aRunInterruptedDuringItsWarmupStopsItsCallers() throws InterruptedException {
		AtomicInteger running = new AtomicInteger();
		CountDownLatch started = new CountDownLatch(2);
		Scenario scenario = scenario(() -> {
			running.incrementAndGet();
			started.countDown();
			try {
				Thread.sleep(5);
			}
			finally {
				running.decrementAndGet();
			}
			return Outcome.complete();
		});
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		Thread run = new Thread(() -> {
			try {
				new LoadRunner(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(5)).run(scenario, 2);
			}
			catch (Throwable ex) {
				outcome.set(ex);
			}
		});
		run.start();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		run.interrupt();
		run.join(10_000);
		assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("loadgen-test-")) {
				thread.join(10_000);
			}
		}
		assertThat(Thread.getAllStackTraces().keySet()).as("callers still running")
			.noneMatch((thread) -> thread.getName().startsWith("loadgen-test-") && thread.isAlive());
		assertThat(running.get()).isZero();
	}

	@Test
	void firstTokensAreRecordedForStreams() throws InterruptedException {
		Scenario scenario = scenario(() -> {
			Thread.sleep(3);
			return Outcome.firstTokenAfter(1_000_000);
		});
		RunResult result = this.runner.run(scenario, 2);
		assertThat(result.firstTokens().count()).isEqualTo((int) result.successes());
		assertThat(result.firstTokens().percentile(99)).isEqualTo(1_000_000);
	}

	@Test
	void callsThatOutliveTheGracePeriodAreCountedAsUnfinished() throws InterruptedException {
		Scenario scenario = scenario(() -> {
			Thread.sleep(60_000);
			return Outcome.complete();
		});
		RunResult result = new LoadRunner(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(100)).run(scenario,
				3);
		assertThat(result.unfinished()).isEqualTo(3);
		assertThat(result.failures()).isEqualTo(3);
		assertThat(result.successes()).isZero();
		assertThat(result.throughput()).isZero();
	}

	@Test
	void badSettingsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoadRunner(Duration.ZERO, Duration.ZERO, Duration.ZERO))
			.withMessage("duration must be > 0, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoadRunner(Duration.ofSeconds(-1), Duration.ofSeconds(1), Duration.ZERO))
			.withMessageContaining("warmup must be >= 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.runner.run(scenario(Outcome::complete), 0))
			.withMessage("concurrency must be >= 1, was 0");
	}

	/** A few microseconds of busy work: a call that takes a while without sleeping. */
	private void work() {
		for (int i = 0; i < 10_000; i++) {
			this.sink = this.sink * 31 + i;
		}
	}

	@Test
	void aLeastNumberOfCallsKeepsTheRunGoingPastItsDuration() throws InterruptedException {
		Duration run = Duration.ofMillis(5);
		assertThat(new LoadRunner(Duration.ZERO, run, Duration.ofSeconds(5)).run(pastTheRun(run), 1).successes())
			.isEqualTo(1);
		assertThat(new LoadRunner(Duration.ZERO, run, Duration.ofSeconds(5), 7).run(pastTheRun(run), 1).successes())
			.isEqualTo(7);
		// two callers stop starting calls once seven ended; the one running then counts
		assertThat(new LoadRunner(Duration.ZERO, run, Duration.ofSeconds(5), 7).run(pastTheRun(run), 2).successes())
			.isBetween(7L, 8L);
		// failed calls count towards the least number too
		Scenario failing = pastTheRun(run);
		RunResult failed = new LoadRunner(Duration.ZERO, run, Duration.ofSeconds(5), 5).run(scenario(() -> {
			failing.call();
			throw new ScenarioException("HTTP 503", "unavailable", null);
		}), 1);
		assertThat(failed.failures()).isEqualTo(5);
		assertThat(failed.successes()).isZero();
	}

	/**
	 * A scenario whose calls last until the run is over: the first call that starts spins
	 * until the run's length has passed since, the others wait for that too.
	 */
	private static Scenario pastTheRun(Duration run) {
		AtomicLong firstStart = new AtomicLong();
		return scenario(() -> {
			firstStart.compareAndSet(0, System.nanoTime());
			while (System.nanoTime() - firstStart.get() <= run.toNanos()) {
				Thread.onSpinWait();
			}
			return Outcome.complete();
		});
	}

	@Test
	void aLeastNumberOfCallsOutOfReachEndsTheRunAtTenTimesItsDuration() throws InterruptedException {
		AtomicInteger calls = new AtomicInteger();
		RunResult result = new LoadRunner(Duration.ZERO, Duration.ofMillis(20), Duration.ofSeconds(5), 1_000_000)
			.run(scenario(() -> {
				// a call of at least a millisecond: far fewer than a million fit
				long started = System.nanoTime();
				while (System.nanoTime() - started < Duration.ofMillis(1).toNanos()) {
					Thread.onSpinWait();
				}
				calls.incrementAndGet();
				return Outcome.complete();
			}), 1);
		assertThat(result.successes()).isEqualTo(calls.get()).isLessThan(1_000_000);
		assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(20 * LoadRunner.MAX_EXTENSION));
	}

	@Test
	void scenariosTakingTurnsAlternateCallByCallAndEachHasItsOwnResult() throws InterruptedException {
		List<String> order = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger copies = new AtomicInteger();
		Scenario direct = new TestScenario("direct", () -> {
			order.add("direct");
			work();
			return Outcome.firstTokenAfter(1_000);
		}, copies);
		Scenario relayed = new TestScenario("relayed", () -> {
			order.add("relayed");
			work();
			return Outcome.firstTokenAfter(2_000);
		}, copies);
		List<RunResult> results = new LoadRunner(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(5),
				12)
			.runInTurns(List.of(direct, relayed), () -> order.add("measuring"));
		assertThat(copies.get()).as("one caller, with its own copy of each").isEqualTo(2);
		assertThat(results).extracting(RunResult::scenario).containsExactly("direct", "relayed");
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.concurrency()).isEqualTo(1);
			assertThat(result.failures()).isZero();
			assertThat(result.elapsed()).isEqualTo(results.get(0).elapsed());
		});
		assertThat(results.get(0).successes()).as("a round of turns is measured whole")
			.isEqualTo(results.get(1).successes())
			.isGreaterThanOrEqualTo(12);
		assertThat(results.get(0).firstTokens().percentile(50)).isEqualTo(1_000);
		assertThat(results.get(1).firstTokens().percentile(50)).isEqualTo(2_000);
		List<String> calls = order.stream().filter((call) -> !call.equals("measuring")).toList();
		for (int i = 0; i < calls.size(); i++) {
			assertThat(calls.get(i)).as("call " + i).isEqualTo((i % 2 == 0) ? "direct" : "relayed");
		}
	}

	@Test
	void aScenarioTakingItsTurnCountsItsOwnFailures() throws InterruptedException {
		Scenario fine = named("fine", () -> {
			work();
			return Outcome.complete();
		});
		Scenario failing = named("failing", () -> {
			work();
			throw new ScenarioException("HTTP 502", "bad gateway", null);
		});
		List<RunResult> results = this.runner.runInTurns(List.of(fine, failing), () -> {
		});
		assertThat(results.get(0).failures()).isZero();
		assertThat(results.get(0).successes()).isPositive();
		assertThat(results.get(1).successes()).isZero();
		assertThat(results.get(1).errors()).containsOnlyKeys("HTTP 502");
		assertThat(results.get(1).failures()).isEqualTo(results.get(0).successes());
	}

	@Test
	void turnsNeedScenariosWithDistinctNames() {
		Scenario one = named("same", Outcome::complete);
		Scenario two = named("same", Outcome::complete);
		assertThatIllegalArgumentException().isThrownBy(() -> this.runner.runInTurns(List.of(), () -> {
		})).withMessageContaining("must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.runner.runInTurns(List.of(one, two), () -> {
		})).withMessageContaining("distinct");
	}

	private static Scenario scenario(Call call) {
		return new TestScenario("test", call, new AtomicInteger());
	}

	private static Scenario named(String name, Call call) {
		return new TestScenario(name, call, new AtomicInteger());
	}

	/**
	 * Runs the given call, and counts the copies that callers take of it.
	 */
	private record TestScenario(String name, Call body, AtomicInteger copies) implements Scenario {

		@Override
		public String endpoint() {
			return "GET /test";
		}

		@Override
		public Outcome call() throws ScenarioException, InterruptedException {
			return this.body.call();
		}

		@Override
		public Scenario forCaller() {
			this.copies.incrementAndGet();
			return this;
		}

	}

	@FunctionalInterface
	interface Call {

		Outcome call() throws ScenarioException, InterruptedException;

	}

}
