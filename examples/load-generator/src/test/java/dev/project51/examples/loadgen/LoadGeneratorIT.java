package dev.project51.examples.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.project51.examples.cli.agent.RealAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator against a real Project51 agent (the agent starter with its offline
 * local model), started in this JVM on a random port with a token and the rate limit
 * raised as the benchmark raises it. Proves the scenarios speak the agent's contract; it
 * measures nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadGeneratorIT {

	private static final String TOKEN = "load-generator-test-token";

	@RegisterExtension
	static final RealAgent agent = new RealAgent(TOKEN,
			"--project51.agent.limits.rate-limit.requests-per-minute=1000000",
			"--project51.agent.limits.rate-limit.burst=100000");

	@Test
	void chatStreamAndFloorRunWithoutAFailureAgainstTheRealAgent() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = LoadGenerator.run(
				List.of("--agent", agent.url(), "--concurrency", "1,4", "--warmup", "200ms", "--duration", "700ms"),
				Map.of("AGENT_API_TOKEN", TOKEN), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String report = out.toString(StandardCharsets.UTF_8);
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(LoadGenerator.OK);
		assertThat(report).contains("No failed calls.", "| chat | `POST /api/v1/chat` | 4 |",
				"| stream | `POST /api/v1/chat/stream` | 4 |", "| floor | `GET /actuator/health/liveness` | 1 |");
		assertThat(report.lines().filter((line) -> line.matches("\\| (chat|stream) \\|.*")))
			.allSatisfy((line) -> assertThat(line).doesNotContain("| 0 | 0 | 0.0 |"));
		assertThat(report).doesNotContain(TOKEN);
	}

	@Test
	@Order(Integer.MAX_VALUE) // its failed tokens lock this address out for the minute
	void aWrongTokenIsCountedAsFailuresNotACrash() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = LoadGenerator.run(
				List.of("--agent", agent.url(), "--scenarios", "chat", "--concurrency", "2", "--warmup", "0",
						"--duration", "300ms"),
				Map.of("AGENT_API_TOKEN", "wrong"), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(LoadGenerator.OK);
		// The agent answers an address's first failed tokens with 401, then limits it
		// (429).
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("- chat at 2: ")
			.contains("AgentUnauthorizedException (HTTP 401) × ")
			.contains("AgentRateLimitedException (HTTP 429) × ");
	}

	@Test
	void atConcurrencyOneTheComparedTargetsTakeTurnsInOneMeasuredPart() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		String v1 = agent.url() + "/v1";
		int status = LoadGenerator.run(
				List.of("--agent", agent.url(), "--scenarios", "completions", "--completions", "first=" + v1,
						"--completions", "second=" + v1, "--concurrency", "1", "--warmup", "500ms", "--duration", "1s",
						"--min-calls", "3"),
				Map.of("AGENT_API_TOKEN", TOKEN), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String report = out.toString(StandardCharsets.UTF_8);
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(LoadGenerator.OK);
		assertThat(report).contains("No failed calls.", "Overhead of second over first", "take turns on one caller");
		List<String[]> rows = report.lines()
			.filter((line) -> line.startsWith("| completions: "))
			.map((line) -> line.split("\\|"))
			.toList();
		assertThat(rows).hasSize(2);
		// A round of turns is measured whole: both targets have the same number of calls.
		assertThat(rows.get(0)[4].strip()).isEqualTo(rows.get(1)[4].strip());
		assertThat(Integer.parseInt(rows.get(0)[4].strip())).isGreaterThanOrEqualTo(3);
		// Each target had the caller half of the time: its calls per second times its
		// median call are about one half (alone in its row, about one; less where slow
		// calls pull the mean above the median).
		assertThat(rows).allSatisfy(
				(row) -> assertThat(Double.parseDouble(row[6].strip()) * Double.parseDouble(row[7].strip()) / 1000)
					.isBetween(0.2, 0.75));
	}

}
