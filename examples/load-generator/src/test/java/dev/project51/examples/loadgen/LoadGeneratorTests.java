package dev.project51.examples.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.project51.examples.loadgen.host.ThreadGroups;
import dev.project51.examples.loadgen.report.ResultsTable;
import dev.project51.examples.loadgen.report.ThreadsTable;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.Script;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole program against a JDK {@code HttpServer} that answers like both the agent and
 * the frontend.
 */
class LoadGeneratorTests {

	@TempDir
	Path dir;

	private FakeAgent server;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void start() throws IOException {
		this.server = FakeAgent.builder().relayPath("/api/chat/stream").start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void everyScenarioAtEveryConcurrencyIsAReportRow() throws IOException {
		Path report = this.dir.resolve("report.md");
		Path results = this.dir.resolve("results.tsv");
		Path threads = this.dir.resolve("threads.tsv");
		int status = run("--frontend", this.server.baseUrl().toString(), "--concurrency", "1,3", "--warmup", "0",
				"--duration", "200ms", "--watch", "self=" + ProcessHandle.current().pid(), "--report",
				report.toString(), "--results", results.toString(), "--threads", threads.toString(), "--title",
				"Test run");
		assertThat(status).as(this.err.toString(StandardCharsets.UTF_8)).isEqualTo(LoadGenerator.OK);
		String markdown = Files.readString(report);
		assertThat(markdown).startsWith("### Test run\n")
			.contains("| peak RSS self MiB | CPU % self | CPU % load generator | load avg |", "No failed calls.",
					"CPU %: the CPU time (user + system");
		// peak RSS, CPU % of self and of the load generator (the same process), load
		// average
		assertThat(markdown.lines().filter((line) -> line.matches("\\| [a-z].* \\| `.*"))).hasSize(10)
			.allMatch((line) -> line.matches(".* \\| \\d+ \\| \\d+ \\| \\d+ \\| [0-9. ]+ \\|"));
		assertThat(ResultsTable.parse(Files.readString(results))).hasSize(10)
			.allMatch((row) -> row.cpuPercent().keySet().equals(Set.of("self", "load generator")));
		// this JVM, watched under two names: every row has its groups of threads under
		// both
		List<ThreadsTable.Row> threadRows = ThreadsTable.parse(Files.readString(threads));
		assertThat(threadRows).extracting((row) -> row.scenario() + " x" + row.concurrency() + " " + row.process())
			.contains("chat x1 self", "chat x1 load generator", "relay: via frontend x3 self");
		assertThat(threadRows).filteredOn((row) -> row.scenario().equals("chat") && row.concurrency() == 3)
			.extracting((row) -> row.use().group())
			.contains(ThreadGroups.HTTP_CLIENT);
		assertThat(markdown).contains("| chat | `POST /api/v1/chat` | 3 |",
				"| floor | `GET /actuator/health/liveness` | 1 |",
				"| relay: via frontend | `POST /api/chat/stream` | 3 |", "Relay overhead of the frontend");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("report written to " + report);
		assertThat(this.out.size()).isZero();
	}

	@Test
	void eachScenarioIsPrimedAtThePrimingConcurrencyBeforeItsFirstRowAndThePrimingIsDropped() throws IOException {
		this.server.stream(Script.delay(Duration.ofMillis(20), Script.answer()));
		Path report = this.dir.resolve("report.md");
		int status = run("--frontend", this.server.baseUrl().toString(), "--scenarios", "relay", "--concurrency", "1",
				"--warmup", "0", "--duration", "200ms", "--prime", "300ms", "--prime-concurrency", "4", "--report",
				report.toString());
		assertThat(status).as(this.err.toString(StandardCharsets.UTF_8)).isEqualTo(LoadGenerator.OK);
		// The rows ran one caller at a time: four at once can only have been the priming.
		assertThat(this.server.maxConcurrent()).isEqualTo(4);
		String progress = this.err.toString(StandardCharsets.UTF_8);
		assertThat(progress.indexOf("priming (dropped): relay: agent direct")).isNotNegative()
			.isLessThan(progress.indexOf("priming (dropped): relay: via frontend"));
		assertThat(progress.indexOf("priming (dropped): relay: via frontend"))
			.isLessThan(progress.indexOf("\nrelay: agent direct"));
		String markdown = Files.readString(report);
		assertThat(markdown).contains("Priming: before the first row of each scenario, that scenario (for relay: the"
				+ " agent directly, then the frontend) runs 300 ms at concurrency 4 with its own callers, dropped");
		assertThat(markdown.lines().filter((line) -> line.matches("\\| relay.* \\| `.*"))).hasSize(2)
			.allMatch((line) -> line.contains("` | 1 |"));
	}

	@Test
	void withoutPrimingTheReportSaysSo() throws IOException {
		Path report = this.dir.resolve("report.md");
		int status = run("--scenarios", "floor", "--concurrency", "2", "--warmup", "0", "--duration", "100ms",
				"--report", report.toString());
		assertThat(status).isEqualTo(LoadGenerator.OK);
		assertThat(Files.readString(report))
			.contains("No priming: the first row of each scenario meets the" + " processes as they are");
		assertThat(this.server.maxConcurrent()).isLessThanOrEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).doesNotContain("priming");
	}

	@Test
	void failedCallsAreCountedInTheReportAndTheRunSucceeds() {
		this.server.chat(Script.problem(
				"{\"type\":\"https://project51.dev/problems/internal\",\"title\":\"Internal error\",\"status\":500}"));
		int status = run("--scenarios", "chat", "--concurrency", "2", "--warmup", "0", "--duration", "200ms");
		assertThat(status).isEqualTo(LoadGenerator.OK);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("Failed calls by kind:",
				"- chat at 2: AgentServerException (HTTP 500) × ");
	}

	@Test
	void anAgentThatIsNotReadyStopsTheRunBeforeAnyLoad() {
		this.server.readiness("DOWN");
		assertThat(run("--duration", "1s")).isEqualTo(LoadGenerator.FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("the agent is not ready: ", " answered 503");
		assertThat(this.server.requests("POST", "/api/")).isEmpty();
	}

	@Test
	void anAgentThatIsNotRunningIsNamed() {
		String url = this.server.baseUrl().toString();
		this.server.close();
		assertThat(LoadGenerator.run(List.of("--agent", url), Map.of(), print(this.out), print(this.err)))
			.isEqualTo(LoadGenerator.FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("the agent cannot be reached at " + url);
	}

	@Test
	void helpAndBadCommandLines() {
		assertThat(LoadGenerator.run(List.of("--help"), Map.of(), print(this.out), print(this.err)))
			.isEqualTo(LoadGenerator.OK);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("Usage: load-generator [-h] [--agent=URL]")
			.contains("--duration=DURATION   of each measured run (default: 10s); e.g. 500ms, 10s, 2m")
			.contains("relay    time to first token of the same stream");
		assertThat(LoadGenerator.run(List.of("--concurrency", "x"), Map.of(), print(this.out), print(this.err)))
			.isEqualTo(LoadGenerator.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("load-generator: --concurrency 'x'",
				"Try 'load-generator --help'.");
	}

	@Test
	void anUnwritableReportIsAFailure() {
		int status = run("--scenarios", "floor", "--concurrency", "1", "--warmup", "0", "--duration", "100ms",
				"--report", this.dir.resolve("missing/report.md").toString());
		assertThat(status).isEqualTo(LoadGenerator.FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("cannot write the report to ");
	}

	@Test
	void anUnwritableThreadsTableIsAFailureThatNamesIt() {
		Path threads = this.dir.resolve("missing/threads.tsv");
		int status = run("--scenarios", "floor", "--concurrency", "1", "--warmup", "0", "--duration", "100ms",
				"--threads", threads.toString(), "--report", this.dir.resolve("report.md").toString());
		assertThat(status).isEqualTo(LoadGenerator.FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("load-generator: cannot write the threads table to " + threads + ": ");
	}

	private int run(String... args) {
		List<String> all = new ArrayList<>(List.of("--agent", this.server.baseUrl().toString()));
		all.addAll(List.of(args));
		return LoadGenerator.run(all, Map.of("AGENT_API_TOKEN", "t0ken"), print(this.out), print(this.err));
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

}
