package dev.project51.examples.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.project51.agent.client.AgentClient;
import dev.project51.examples.loadgen.host.CpuMeter;
import dev.project51.examples.loadgen.host.LoadAverage;
import dev.project51.examples.loadgen.host.ProcessCpu;
import dev.project51.examples.loadgen.host.ProcessMemory;
import dev.project51.examples.loadgen.host.RssSampler;
import dev.project51.examples.loadgen.host.ThreadMeter;
import dev.project51.examples.loadgen.load.LoadRunner;
import dev.project51.examples.loadgen.load.RunResult;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.report.MarkdownReport;
import dev.project51.examples.loadgen.report.ResultsTable;
import dev.project51.examples.loadgen.report.ThreadsTable;
import dev.project51.examples.loadgen.scenario.Scenarios;

/**
 * Runs the scenarios the options ask for, one concurrency after the other, and collects
 * the report.
 */
final class Benchmark {

	static final String RELAY_DIRECT = "relay: agent direct";

	static final String RELAY_FRONTEND = "relay: via frontend";

	static final String RELAY_NEW_SESSION = "relay: via frontend, new session each call";

	/** The name of this program's own process among those whose CPU use is reported. */
	static final String LOAD_GENERATOR = "load generator";

	private static final Duration GRACE = Duration.ofSeconds(30);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

	private final Options options;

	private final AgentClient agent;

	private final HttpClient http;

	private final PrintStream progress;

	Benchmark(Options options, AgentClient agent, HttpClient http, PrintStream progress) {
		this.options = options;
		this.agent = agent;
		this.http = http;
		this.progress = progress;
	}

	/**
	 * Checks that the agent (and the frontend, for the relay) answer their readiness
	 * probes.
	 * @throws NotReadyException if one does not
	 * @throws InterruptedException if interrupted
	 */
	void checkReady() throws NotReadyException, InterruptedException {
		checkReady("agent", this.options.agentUrl());
		if (relays()) {
			checkReady("frontend", this.options.frontendUrl());
		}
	}

	private boolean relays() {
		return this.options.scenarios().contains("relay") || this.options.scenarios().contains("relay-new-session");
	}

	private void checkReady(String name, URI base) throws NotReadyException, InterruptedException {
		URI readiness = resolve(base, "/actuator/health/readiness");
		try {
			HttpResponse<Void> response = this.http.send(
					HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() != 200) {
				throw new NotReadyException("the " + name + " is not ready: " + readiness + " answered "
						+ response.statusCode() + "; wait until it answers 200");
			}
		}
		catch (IOException ex) {
			throw new NotReadyException("the " + name + " cannot be reached at " + readiness + " (" + ex
					+ "); start it, or point the load generator elsewhere");
		}
	}

	/**
	 * Runs everything.
	 * @return the report
	 * @throws InterruptedException if interrupted
	 */
	MarkdownReport run() throws InterruptedException {
		return run(null, null);
	}

	/**
	 * Runs everything, adding each run to the results too.
	 * @param results where to add each run as well, or {@code null}
	 * @param threads where to add what the processes' groups of threads used in each run,
	 * or {@code null}
	 * @return the report
	 * @throws InterruptedException if interrupted
	 */
	MarkdownReport run(ResultsTable results, ThreadsTable threads) throws InterruptedException {
		Map<String, ProcessMemory> watched = new LinkedHashMap<>();
		this.options.watch().forEach((name, pid) -> watched.put(name, new ProcessMemory(pid)));
		Map<String, ProcessCpu> cpu = new LinkedHashMap<>();
		cpuProcesses(this.options).forEach((name, pid) -> cpu.put(name, new ProcessCpu(pid)));
		CpuMeter meter = new CpuMeter(cpu);
		ThreadMeter threadMeter = ThreadMeter.of(cpuProcesses(this.options));
		MarkdownReport report = new MarkdownReport(this.options.title(), notes(), List.copyOf(watched.keySet()),
				List.copyOf(cpu.keySet()));
		report.compareFirstToken("Relay overhead of the frontend", RELAY_DIRECT, RELAY_FRONTEND);
		report.compareFirstToken("Relay overhead of the frontend, a new browser session each call", RELAY_DIRECT,
				RELAY_NEW_SESSION);
		List<String> targets = List.copyOf(this.options.completions().keySet());
		for (String target : targets.subList(Math.min(1, targets.size()), targets.size())) {
			report.compareFirstToken("Overhead of " + target + " over " + targets.get(0), completions(targets.get(0)),
					completions(target));
		}
		LoadRunner runner = new LoadRunner(this.options.warmup(), this.options.duration(), GRACE,
				this.options.minCalls());
		try (RssSampler sampler = new RssSampler(watched, Duration.ofMillis(200))) {
			for (String name : this.options.scenarios()) {
				prime(runner, name);
				List<Scenario> group = scenarios(name);
				Runnable measuring = () -> {
					sampler.reset();
					meter.start();
				};
				for (int concurrency : this.options.concurrencies()) {
					if (concurrency == 1 && group.size() > 1) {
						// One measured part for the whole group: its CPU and memory
						// figures are the group's, and its threads' use cannot be told
						// apart, so it is not metered.
						List<RunResult> turns = runner.runInTurns(group, measuring);
						Map<String, Double> cpuPercent = meter.percentages();
						sampler.sample();
						String load = LoadAverage.now().orElse(null);
						for (RunResult result : turns) {
							add(result, sampler.peaks(), cpuPercent, load, report, results);
						}
						continue;
					}
					for (Scenario scenario : group) {
						RunResult result = runner.run(scenario, concurrency, () -> {
							measuring.run();
							if (threads != null) {
								threadMeter.start();
							}
						});
						Map<String, Double> cpuPercent = meter.percentages();
						if (threads != null) {
							threads.add(result, threadMeter.use());
						}
						sampler.sample();
						add(result, sampler.peaks(), cpuPercent, LoadAverage.now().orElse(null), report, results);
					}
				}
			}
		}
		return report;
	}

	private void add(RunResult result, Map<String, Long> peaks, Map<String, Double> cpuPercent, String load,
			MarkdownReport report, ResultsTable results) {
		report.add(result, peaks, cpuPercent, load);
		if (results != null) {
			results.add(result, peaks, cpuPercent);
		}
		this.progress.println(summary(result, load));
	}

	/**
	 * The processes whose CPU use each row reports: the watched ones, then this program.
	 * @param options the options
	 * @return the pids by name, in report order
	 */
	static Map<String, Long> cpuProcesses(Options options) {
		Map<String, Long> processes = new LinkedHashMap<>(options.watch());
		processes.put(LOAD_GENERATOR, ProcessHandle.current().pid());
		return processes;
	}

	/**
	 * Before a scenario's first row: each of its scenarios at the priming concurrency for
	 * the priming duration, dropped.
	 */
	private void prime(LoadRunner runner, String name) throws InterruptedException {
		if (this.options.prime().isZero()) {
			return;
		}
		for (Scenario scenario : scenarios(name)) {
			RunResult primed = runner.prime(scenario, this.options.primeConcurrency(), this.options.prime());
			this.progress.println("priming (dropped): " + summary(primed, LoadAverage.now().orElse(null)));
		}
	}

	private List<Scenario> scenarios(String name) {
		URI agentUrl = this.options.agentUrl();
		String message = this.options.message();
		return switch (name) {
			case "chat" -> List.of(Scenarios.chat(this.agent, message));
			case "stream" -> List.of(Scenarios.stream(this.agent, message));
			case "floor" -> List
				.of(Scenarios.get("floor", this.http, resolve(agentUrl, "/actuator/health/liveness"), CALL_TIMEOUT));
			case "relay" -> List.of(
					Scenarios.sse(RELAY_DIRECT, this.http, resolve(agentUrl, "/api/v1/chat/stream"),
							this.options.apiToken(), message, CALL_TIMEOUT),
					Scenarios.browserSse(RELAY_FRONTEND, this.http,
							resolve(this.options.frontendUrl(), "/api/chat/stream"), null, message, CALL_TIMEOUT));
			case "relay-new-session" -> List.of(Scenarios.sse(RELAY_NEW_SESSION, this.http,
					resolve(this.options.frontendUrl(), "/api/chat/stream"), null, message, CALL_TIMEOUT));
			case "completions" -> this.options.completions()
				.entrySet()
				.stream()
				.map((target) -> Scenarios.completions(completions(target.getKey()), this.http,
						resolve(target.getValue(), "/chat/completions"), this.options.apiToken(), this.options.model(),
						message, CALL_TIMEOUT))
				.toList();
			default -> throw new IllegalArgumentException("unknown scenario " + name);
		};
	}

	static String completions(String target) {
		return "completions: " + target;
	}

	private List<String> notes() {
		List<String> notes = new ArrayList<>();
		notes.add("Started " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "; load average (1, 5, 15 min) "
				+ LoadAverage.now().orElse("unknown") + " at the start.");
		notes.add("Agent " + this.options.agentUrl()
				+ ((this.options.frontendUrl() != null) ? ", frontend " + this.options.frontendUrl() : "")
				+ "; every chat is a new conversation with the message \"" + this.options.message() + "\".");
		notes.add("Closed loop: each of `concurrency` callers sends its next request as soon as the previous one"
				+ " ended; " + seconds(this.options.warmup()) + " warm-up (dropped), then "
				+ seconds(this.options.duration()) + " measured, per row, the callers going on from one into the"
				+ " other (a call is measured when it starts in the measured part)"
				+ ((this.options.minCalls() > 0) ? " (or longer, until " + this.options.minCalls()
						+ " calls have ended, for at most " + LoadRunner.MAX_EXTENSION + " times as long)" : "")
				+ ". At concurrency 1 the scenarios of a comparison (relay: the agent directly and via the"
				+ " frontend; completions: every target) take turns on one caller, call by call, over one"
				+ " warm-up and one measured part as long as their rows would be one after the other, so that"
				+ " what slows the machine for a while falls on each of them alike; their rows share that part's"
				+ " time (each row's req/s is its share), CPU and memory figures. Latencies in ms,"
				+ " nearest-rank percentiles of the successful calls; req/s counts successful calls.");
		notes.add(this.options.prime().isZero()
				? "No priming: the first row of each scenario meets the processes as"
						+ " they are (after start-up, only that row's warm-up ahead of it)."
				: "Priming: before the first row of each scenario, that scenario (for relay: the agent directly, then"
						+ " the frontend) runs " + seconds(this.options.prime()) + " at concurrency "
						+ this.options.primeConcurrency() + " with its own callers, dropped, so that the measured rows"
						+ " meet the JVMs past their JIT warm-up; then each row's own warm-up and measurement.");
		notes.add("chat and stream go through `AgentClient` with retries and its circuit breaker off, so every"
				+ " failure is counted once; floor and relay use a plain JDK `HttpClient` (HTTP/1.1).");
		if (relays()) {
			notes.add("relay via frontend: each caller is one browser, which keeps the session cookie its first"
					+ " answer set; relay-new-session sends none, so the frontend makes a new session every call.");
		}
		if (!this.options.completions().isEmpty()) {
			notes.add("completions: a streamed OpenAI chat completion of model `" + this.options.model()
					+ "` read as raw server-sent events with a plain JDK `HttpClient`; first token = the first chunk"
					+ " with content; targets " + this.options.completions() + ".");
		}
		if (!this.options.watch().isEmpty()) {
			notes.add("Peak RSS: the largest VmRSS of each process sampled every 200 ms during the measured part of"
					+ " the row.");
		}
		notes.add("CPU %: the CPU time (user + system, `/proc/PID/stat`) each process used during the measured part"
				+ " of the row over that part's wall-clock time, its own threads only (not its children); 100 % is"
				+ " one core fully busy, and the machine has " + Runtime.getRuntime().availableProcessors()
				+ " cores for the load generator's JVM; `" + LOAD_GENERATOR + "` is the load generator itself.");
		return notes;
	}

	private static String summary(RunResult result, String load) {
		String p50 = result.latencies().isEmpty() ? "–"
				: String.format(Locale.ROOT, "%.1f ms", result.latencies().percentile(50) / 1e6);
		return String.format(Locale.ROOT, "%-20s x%-3d %6d ok %5d failed %8.1f req/s  p50 %s  (load %s)",
				result.scenario(), result.concurrency(), result.successes(), result.failures(), result.throughput(),
				p50, (load != null) ? load : "?");
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	static URI resolve(URI base, String path) {
		String text = base.toString();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return URI.create(text + path);
	}

	/**
	 * The agent or the frontend does not answer its readiness probe.
	 */
	static final class NotReadyException extends Exception {

		private static final long serialVersionUID = 1L;

		NotReadyException(String message) {
			super(message);
		}

	}

}
