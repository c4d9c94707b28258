package dev.project51.examples.loadgen.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.project51.examples.loadgen.host.ThreadUse;
import dev.project51.examples.loadgen.load.RunResult;

/**
 * Where the watched processes' CPU time went during each measured run, by group of
 * threads, as tab-separated values with a header line: what the benchmark page reads
 * ({@code --threads}).
 *
 * @since 0.1.0
 */
public final class ThreadsTable {

	private static final String HEADER = String.join("\t", "scenario", "concurrency", "ok", "seconds", "process",
			"thread group", "threads", "CPU ms", "switches");

	private final List<Row> rows = new ArrayList<>();

	/**
	 * Adds a measured run; groups that used no CPU time and were never switched are left
	 * out.
	 * @param result the run
	 * @param use what each process's groups of threads used during it, by process name
	 */
	public void add(RunResult result, Map<String, List<ThreadUse>> use) {
		use.forEach((process, groups) -> groups.stream()
			.filter((group) -> !group.cpu().isZero() || group.switches() > 0)
			.forEach((group) -> this.rows.add(new Row(result.scenario(), result.concurrency(), result.successes(),
					result.elapsed().toMillis() / 1000.0, process, group))));
	}

	/**
	 * The table.
	 * @return the header line and one line per run, process and group
	 */
	public String render() {
		StringBuilder tsv = new StringBuilder(HEADER).append('\n');
		for (Row row : this.rows) {
			ThreadUse use = row.use();
			tsv.append(String.join("\t", Tsv.cell(row.scenario()), Integer.toString(row.concurrency()),
					Long.toString(row.ok()), Double.toString(row.seconds()), Tsv.cell(row.process()),
					Tsv.cell(use.group()), Integer.toString(use.threads()), Long.toString(use.cpu().toMillis()),
					Long.toString(use.switches())))
				.append('\n');
		}
		return tsv.toString();
	}

	/**
	 * Reads a table that {@link #render()} wrote.
	 * @param tsv the text
	 * @return its rows
	 * @throws IllegalArgumentException if the text is not such a table
	 */
	public static List<Row> parse(String tsv) {
		String[] lines = tsv.split("\n");
		if (!lines[0].equals(HEADER)) {
			throw new IllegalArgumentException("not a threads table: the first line must be '"
					+ HEADER.replace('\t', ' ') + "' (tab-separated), found '" + lines[0] + "'");
		}
		List<Row> rows = new ArrayList<>();
		for (Tsv.Line line : Tsv.body(tsv, 9, (wrong) -> "line " + wrong.number() + " of the threads table has "
				+ wrong.cells().length + " cells, expected 9")) {
			String[] cells = line.cells();
			try {
				rows.add(new Row(cells[0], Integer.parseInt(cells[1]), Long.parseLong(cells[2]),
						Double.parseDouble(cells[3]), cells[4], new ThreadUse(cells[5], Integer.parseInt(cells[6]),
								Duration.ofMillis(Long.parseLong(cells[7])), Long.parseLong(cells[8]))));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"line " + line.number() + " of the threads table: " + ex.getMessage(), ex);
			}
		}
		return List.copyOf(rows);
	}

	/**
	 * One group of one process's threads in one measured run.
	 *
	 * @param scenario the run's scenario
	 * @param concurrency its callers
	 * @param ok its successful calls
	 * @param seconds how long its measured part took
	 * @param process the process's name
	 * @param use what the group used
	 */
	public record Row(String scenario, int concurrency, long ok, double seconds, String process, ThreadUse use) {

	}

}
