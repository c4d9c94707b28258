package dev.project51.reliability.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.project51.reliability.deployment.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every provider fault, on every path a message takes, for every provider the archetype
 * offers, in that provider's own protocol, against the reference deployment exactly as
 * generated: its agent runs with every failover setting at its default, configured only
 * by the environment variables a user sets for a provider (key and base URL), and its
 * database path. The browser's path (the chat page's request to the frontend) runs for
 * one provider.
 * <p>
 * Each lane (a provider on a path) is its own agent and fake provider, so that the lanes
 * run in parallel while each runs its scenarios one after the other from a healthy,
 * closed circuit. The cells are reported as one test each, and their measured times are
 * written to {@code target/reliability-reports/provider-faults.md}.
 */
class ProviderFaultMatrixIT {

	/** How many agents may start at once: start-up is CPU-bound on two cores. */
	private static final int CONCURRENT_STARTS = 4;

	private static final Map<String, CompletableFuture<String>> cells = new LinkedHashMap<>();

	private static final List<FaultLane> lanes = new ArrayList<>();

	private static final List<String> rows = new ArrayList<>();

	private static ExecutorService executor;

	@BeforeAll
	static void startLanes() {
		Path work = Path.of("target", "reliability", "faults-" + System.currentTimeMillis()).toAbsolutePath();
		List<LaneKey> keys = new ArrayList<>();
		for (ProviderKind kind : ProviderKind.values()) {
			for (AnswerPath path : AnswerPath.values()) {
				if (path != AnswerPath.BROWSER || kind == ProviderKind.OPENAI) {
					keys.add(new LaneKey(kind, path));
				}
			}
		}
		executor = Executors.newFixedThreadPool(keys.size());
		Semaphore starts = new Semaphore(CONCURRENT_STARTS);
		for (LaneKey key : keys) {
			CompletableFuture<FaultLane> lane = CompletableFuture.supplyAsync(() -> {
				starts.acquireUninterruptibly();
				try {
					FaultLane started = FaultLane.start(key.kind(), key.path(),
							work.resolve(key.kind().id() + "-" + key.path().name().toLowerCase(java.util.Locale.ROOT)));
					synchronized (lanes) {
						lanes.add(started);
					}
					return started;
				}
				finally {
					starts.release();
				}
			}, executor);
			// The lane's scenarios, one after the other, each from a prepared lane.
			CompletableFuture<Void> previous = lane.thenApply((started) -> null);
			for (Scenario scenario : Scenario.values()) {
				if (!scenario.appliesTo(key.path())) {
					continue;
				}
				CompletableFuture<String> cell = previous.thenCompose((ignored) -> lane).thenApplyAsync((started) -> {
					try {
						started.prepare();
						Scenario.Cell observed = new Scenario.Cell();
						String outcome = scenario.check(started, observed);
						row(key, scenario, outcome);
						return outcome;
					}
					catch (AssertionError ex) {
						row(key, scenario, "**FAILED**: " + String.valueOf(ex.getMessage()).replace('\n', ' '));
						throw ex;
					}
					catch (Exception ex) {
						row(key, scenario, "**FAILED**: " + ex);
						throw new IllegalStateException(ex);
					}
				}, executor);
				cells.put(name(key, scenario), cell);
				previous = cell.handle((outcome, failure) -> null);
			}
		}
	}

	@AfterAll
	static void stopLanes() {
		Report report = new Report("provider-faults", "Provider fault matrix at the default settings")
			.line("Each provider in its own protocol (fake servers), the reference deployment's agent as generated:"
					+ " every failover setting at its default (first-token budget 6 s, idle 15 s, 3 attempts,"
					+ " breaker window 5 / minimum 3 / 50 %, slow above 4 s, probes every 5 s). Time = when the user"
					+ " first saw the answer (first token, or the whole answer on blocking paths).")
			.line("")
			.line("| provider | path | fault | outcome |")
			.line("|---|---|---|---|");
		synchronized (rows) {
			rows.stream().sorted().forEach(report::line);
		}
		report.write();
		synchronized (lanes) {
			lanes.forEach(FaultLane::close);
		}
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@TestFactory
	Stream<DynamicContainer> everyFaultOnEveryPathOfEveryProvider() {
		Map<String, List<DynamicTest>> byLane = new LinkedHashMap<>();
		cells.forEach((name, cell) -> {
			String lane = name.substring(0, name.indexOf(" :: "));
			byLane.computeIfAbsent(lane, (key) -> new ArrayList<>())
				.add(DynamicTest.dynamicTest(name.substring(name.indexOf(" :: ") + 4), () -> await(cell)));
		});
		return byLane.entrySet()
			.stream()
			.map((lane) -> DynamicContainer.dynamicContainer(lane.getKey(), lane.getValue()));
	}

	private static void await(CompletableFuture<String> cell) throws Throwable {
		try {
			cell.get(30, TimeUnit.MINUTES);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof IllegalStateException && cause.getCause() != null) ? cause.getCause() : cause;
		}
	}

	private static String name(LaneKey key, Scenario scenario) {
		return key.kind().id() + " / " + key.path() + " :: " + scenario.title();
	}

	private static void row(LaneKey key, Scenario scenario, String outcome) {
		synchronized (rows) {
			rows.add("| " + key.kind().id() + " | " + key.path() + " | " + scenario.title() + " | " + outcome + " |");
		}
	}

	private record LaneKey(ProviderKind kind, AnswerPath path) {

	}

}
