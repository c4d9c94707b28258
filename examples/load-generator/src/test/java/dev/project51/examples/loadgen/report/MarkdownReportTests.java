package dev.project51.examples.loadgen.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.project51.examples.loadgen.load.Percentiles;
import dev.project51.examples.loadgen.load.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	private static final long MS = 1_000_000;

	@Test
	void oneRowPerRunWithThroughputPercentilesPeakMemoryAndCpu() {
		MarkdownReport report = new MarkdownReport("Run 1", List.of("what was measured"), List.of("agent"),
				List.of("agent", "load generator"));
		report.add(
				new RunResult("chat", "POST /api/v1/chat", 16, Duration.ofSeconds(2),
						Percentiles.of(5 * MS, 12 * MS, 150 * MS, 2500 * MS), Percentiles.of(), Map.of(), 0),
				Map.of("agent", 300L * 1024 * 1024), Map.of("agent", 119.6, "load generator", 30.2), "1.20 0.80 0.40");
		report.add(new RunResult("floor", "GET /", 1, Duration.ofSeconds(1), Percentiles.of(MS), Percentiles.of(),
				Map.of(), 0), Map.of(), Map.of("load generator", 2.0), null);
		String markdown = report.render();
		assertThat(markdown)
			.startsWith("### Run 1\n\n- what was measured\n\n| scenario | endpoint | concurrency | ok |");
		assertThat(markdown).contains("| peak RSS agent MiB | CPU % agent | CPU % load generator | load avg |\n"
				+ "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		assertThat(markdown).contains("| chat | `POST /api/v1/chat` | 16 | 4 | 0 | 2.0 | 12.0 | 2500 | 2500 | 2500 | – "
				+ "| 300 | 120 | 30 | 1.20 0.80 0.40 |");
		assertThat(markdown)
			.contains("| floor | `GET /` | 1 | 1 | 0 | 1.0 | 1.00 | 1.00 | 1.00 | 1.00 | – | – | – | 2 | – |");
		assertThat(markdown).endsWith("No failed calls.\n");
	}

	@Test
	void failuresAreListedByKind() {
		MarkdownReport report = new MarkdownReport("Run", List.of(), List.of(), List.of());
		report.add(
				new RunResult("stream", "POST /api/v1/chat/stream", 64, Duration.ofSeconds(1), Percentiles.of(),
						Percentiles.of(), Map.of("HTTP 429", 7L, "AgentTimeoutException", 2L), 1),
				Map.of(), Map.of(), null);
		String markdown = report.render();
		assertThat(markdown)
			.contains("| stream | `POST /api/v1/chat/stream` | 64 | 0 | 10 | 0.0 | – | – | – | – | – | – |");
		assertThat(markdown)
			.contains("- stream at 64: AgentTimeoutException × 2, HTTP 429 × 7, unfinished at the end × 1\n");
	}

	@Test
	void theRelayIsComparedWithTheDirectStreamAtEachConcurrency() {
		MarkdownReport report = new MarkdownReport("Run", List.of(), List.of(), List.of());
		report.compareFirstToken("Relay overhead", "direct", "relayed");
		for (int concurrency : new int[] { 1, 16 }) {
			report.add(stream("direct", concurrency, 20 * MS), Map.of(), Map.of(), null);
			report.add(stream("relayed", concurrency, 23 * MS), Map.of(), Map.of(), null);
		}
		String markdown = report.render();
		assertThat(markdown).contains("Relay overhead (time to first token, ms; direct vs relayed):");
		assertThat(markdown).contains("| 1 | 20.0 | 23.0 | +3.00 | 20.0 | 23.0 | +3.00 | 20.0 | 23.0 | +3.00 |\n"
				+ "| 16 | 20.0 | 23.0 | +3.00 |");
		assertThat(markdown)
			.contains("| direct | `POST /s` | 1 | 1 | 0 | 1.0 | 40.0 | 40.0 | 40.0 | 40.0 " + "| 20.0 / 20.0 / 20.0 |");
	}

	@Test
	void noComparisonWithoutBothScenarios() {
		MarkdownReport report = new MarkdownReport("Run", List.of(), List.of(), List.of());
		report.compareFirstToken("Relay overhead", "direct", "relayed");
		report.add(stream("direct", 1, 20 * MS), Map.of(), Map.of(), null);
		assertThat(report.render()).doesNotContain("Relay overhead");
	}

	@Test
	void millisecondsKeepThreeSignificantDigits() {
		assertThat(MarkdownReport.millis(Percentiles.of(1_234_567), 50)).isEqualTo("1.23");
		assertThat(MarkdownReport.millis(Percentiles.of(12_345_678), 50)).isEqualTo("12.3");
		assertThat(MarkdownReport.millis(Percentiles.of(123_456_789), 50)).isEqualTo("123");
		assertThat(MarkdownReport.signedMillis(-2_500_000)).isEqualTo("−2.50");
	}

	private static RunResult stream(String name, int concurrency, long firstToken) {
		return new RunResult(name, "POST /s", concurrency, Duration.ofSeconds(1), Percentiles.of(40 * MS),
				Percentiles.of(firstToken), Map.of(), 0);
	}

}
