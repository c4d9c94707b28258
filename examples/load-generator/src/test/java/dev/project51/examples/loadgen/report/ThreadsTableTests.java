package dev.project51.examples.loadgen.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.project51.examples.loadgen.host.ThreadUse;
import dev.project51.examples.loadgen.load.Percentiles;
import dev.project51.examples.loadgen.load.RunResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ThreadsTableTests {

	private static final long MS = 1_000_000;

	@Test
	void whatItWritesReadsBackWithoutIdleGroups() {
		ThreadsTable table = new ThreadsTable();
		RunResult run = new RunResult("relay: via frontend", "POST /api/chat/stream", 64, Duration.ofMillis(10_500),
				Percentiles.of(40 * MS, 50 * MS), Percentiles.of(20 * MS, 21 * MS), Map.of(), 0);
		table.add(run,
				Map.of("frontend",
						List.of(new ThreadUse("project51-front*", 67, Duration.ofMillis(3200), 48_000),
								new ThreadUse("Finalizer", 1, Duration.ZERO, 0),
								new ThreadUse("Signal Dispatch\ter", 1, Duration.ZERO, 3))));
		String tsv = table.render();
		assertThat(tsv)
			.startsWith("scenario\tconcurrency\tok\tseconds\tprocess\tthread group\tthreads\tCPU ms\tswitches\n");
		List<ThreadsTable.Row> rows = ThreadsTable.parse(tsv);
		assertThat(rows).containsExactly(
				new ThreadsTable.Row("relay: via frontend", 64, 2, 10.5, "frontend",
						new ThreadUse("project51-front*", 67, Duration.ofMillis(3200), 48_000)),
				new ThreadsTable.Row("relay: via frontend", 64, 2, 10.5, "frontend",
						new ThreadUse("Signal Dispatch er", 1, Duration.ZERO, 3)));
	}

	@Test
	void somethingElseIsRefusedWithWhereItIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> ThreadsTable.parse("scenario\tendpoint\n"))
			.withMessageContaining("not a threads table: the first line must be 'scenario concurrency ok");
		String header = new ThreadsTable().render();
		assertThatIllegalArgumentException().isThrownBy(() -> ThreadsTable.parse(header + "relay\t64\n"))
			.withMessage("line 2 of the threads table has 2 cells, expected 9");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ThreadsTable.parse(header + "relay\t64\tmany\t1.0\tfrontend\tjava\t1\t10\t2\n"))
			.withMessageContaining("line 2 of the threads table: For input string: \"many\"");
	}

}
