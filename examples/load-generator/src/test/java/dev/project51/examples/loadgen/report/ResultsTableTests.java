package dev.project51.examples.loadgen.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.project51.examples.loadgen.load.Percentiles;
import dev.project51.examples.loadgen.load.RunResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResultsTableTests {

	private static final long MS = 1_000_000;

	@Test
	void whatItWritesReadsBackAsNumbers() {
		ResultsTable table = new ResultsTable(List.of("agent", "litellm"),
				List.of("agent", "litellm", "load generator"));
		table.add(
				new RunResult("completions: agent", "POST /v1/chat/completions", 16, Duration.ofSeconds(2),
						Percentiles.of(40 * MS, 50 * MS, 60 * MS), Percentiles.of(21 * MS, 22 * MS, 25 * MS),
						Map.of("HTTP 500", 1L), 0),
				Map.of("agent", 300L * 1024 * 1024), Map.of("agent", 120.5, "load generator", 30.25));
		table.add(new RunResult("floor", "GET /actuator/health/liveness", 1, Duration.ofSeconds(1), Percentiles.of(),
				Percentiles.of(), Map.of(), 2), Map.of(), Map.of());
		String tsv = table.render();
		assertThat(tsv).startsWith("scenario\tendpoint\tconcurrency\tok\tfailures\treq/s\tp50 ms");
		assertThat(tsv.lines().findFirst().orElseThrow()).endsWith(
				"\tpeak RSS MiB agent\tpeak RSS MiB litellm" + "\tCPU % agent\tCPU % litellm\tCPU % load generator");
		List<ResultRow> rows = ResultsTable.parse(tsv);
		assertThat(rows).hasSize(2);
		ResultRow agent = rows.get(0);
		assertThat(agent.scenario()).isEqualTo("completions: agent");
		assertThat(agent.concurrency()).isEqualTo(16);
		assertThat(agent.ok()).isEqualTo(3);
		assertThat(agent.failures()).isEqualTo(1);
		assertThat(agent.throughput()).isEqualTo(1.5);
		assertThat(agent.p50()).isEqualTo(50.0);
		assertThat(agent.max()).isEqualTo(60.0);
		assertThat(agent.firstTokenP99()).isEqualTo(25.0);
		assertThat(agent.peakRssMib()).containsEntry("agent", 300.0);
		assertThat(agent.peakRssMib().get("litellm")).isNaN();
		assertThat(agent.peakRssMib()).containsOnlyKeys("agent", "litellm");
		assertThat(agent.cpuPercent()).containsEntry("agent", 120.5).containsEntry("load generator", 30.25);
		assertThat(agent.cpuPercent().get("litellm")).isNaN();
		ResultRow floor = rows.get(1);
		assertThat(floor.failures()).isEqualTo(2);
		assertThat(floor.p50()).isNaN();
		assertThat(floor.firstTokenP50()).isNaN();
		assertThat(floor.cpuPercent().values()).hasSize(3).allMatch((percent) -> percent.isNaN());
	}

	@Test
	void aTableFromBeforeTheCpuColumnsReadsWithoutCpu() {
		String tsv = "scenario\tendpoint\tconcurrency\tok\tfailures\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms"
				+ "\tfirst token p50 ms\tfirst token p95 ms\tfirst token p99 ms\tpeak RSS MiB agent\n"
				+ "floor\tGET /actuator/health/liveness\t1\t10\t0\t10.000\t1.000\t2.000\t3.000\t4.000\t-\t-\t-"
				+ "\t250.500\n";
		List<ResultRow> rows = ResultsTable.parse(tsv);
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).peakRssMib()).containsExactly(Map.entry("agent", 250.5));
		assertThat(rows.get(0).cpuPercent()).isEmpty();
	}

	@Test
	void somethingElseIsRefusedWithWhereItIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResultsTable.parse("a\tb\n1\t2\n"))
			.withMessageContaining("header line is missing");
		String header = new ResultsTable(List.of(), List.of()).render();
		assertThatIllegalArgumentException().isThrownBy(() -> ResultsTable.parse(header + "chat\tPOST /x\t1\n"))
			.withMessageContaining("line 2 has 3 cells, expected 13");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResultsTable.parse(header + "chat\tPOST /x\tmany\t1\t0\t1\t1\t1\t1\t1\t-\t-\t-\n"))
			.withMessageContaining("line 2");
		assertThatIllegalArgumentException().isThrownBy(() -> ResultsTable.parse(header.strip() + "\tsomething else\n"))
			.withMessageContaining("column 14 of the header, 'something else', is neither");
	}

}
