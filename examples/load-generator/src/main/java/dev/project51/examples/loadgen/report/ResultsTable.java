package dev.project51.examples.loadgen.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.project51.examples.loadgen.load.Percentiles;
import dev.project51.examples.loadgen.load.RunResult;

/**
 * The results of a load run as tab-separated values with a header line, one line per
 * scenario and concurrency: what the benchmark page reads ({@code --results}).
 *
 * @since 0.1.0
 */
public final class ResultsTable {

	private static final double MIB = 1024 * 1024;

	private static final List<String> COLUMNS = List.of("scenario", "endpoint", "concurrency", "ok", "failures",
			"req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "first token p50 ms", "first token p95 ms",
			"first token p99 ms");

	private static final String RSS = "peak RSS MiB ";

	private static final String CPU = "CPU % ";

	private final List<String> memory;

	private final List<String> cpu;

	private final List<ResultRow> rows = new ArrayList<>();

	/**
	 * Create an empty table.
	 * @param memory the names of the processes whose peak memory has a column
	 * @param cpu the names of the processes whose CPU use has a column
	 */
	public ResultsTable(Iterable<String> memory, Iterable<String> cpu) {
		this.memory = names(memory);
		this.cpu = names(cpu);
	}

	private static List<String> names(Iterable<String> processes) {
		List<String> names = new ArrayList<>();
		processes.forEach(names::add);
		return List.copyOf(names);
	}

	/**
	 * Adds a measured run.
	 * @param result the run
	 * @param peakRss the peak resident memory of each process during the run, in bytes
	 * @param cpuPercent the CPU use of each process during the run, in percent of one
	 * core
	 */
	public void add(RunResult result, Map<String, Long> peakRss, Map<String, Double> cpuPercent) {
		Map<String, Double> memory = new LinkedHashMap<>();
		peakRss.forEach((name, bytes) -> memory.put(name, bytes / MIB));
		Percentiles all = result.latencies();
		Percentiles first = result.firstTokens();
		this.rows.add(new ResultRow(result.scenario(), result.endpoint(), result.concurrency(), result.successes(),
				result.failures(), result.throughput(), millis(all, 50), millis(all, 95), millis(all, 99),
				millis(all, 100), millis(first, 50), millis(first, 95), millis(first, 99), memory, cpuPercent));
	}

	/**
	 * The table.
	 * @return the header line and one line per run
	 */
	public String render() {
		StringBuilder tsv = new StringBuilder(String.join("\t", COLUMNS));
		this.memory.forEach((name) -> tsv.append('\t').append(RSS).append(name));
		this.cpu.forEach((name) -> tsv.append('\t').append(CPU).append(name));
		tsv.append('\n');
		for (ResultRow row : this.rows) {
			List<String> cells = new ArrayList<>(
					List.of(Tsv.cell(row.scenario()), Tsv.cell(row.endpoint()), Integer.toString(row.concurrency()),
							Long.toString(row.ok()), Long.toString(row.failures()), number(row.throughput()),
							number(row.p50()), number(row.p95()), number(row.p99()), number(row.max()),
							number(row.firstTokenP50()), number(row.firstTokenP95()), number(row.firstTokenP99())));
			this.memory.forEach((name) -> cells.add(number(row.peakRssMib().getOrDefault(name, Double.NaN))));
			this.cpu.forEach((name) -> cells.add(number(row.cpuPercent().getOrDefault(name, Double.NaN))));
			tsv.append(String.join("\t", cells)).append('\n');
		}
		return tsv.toString();
	}

	/**
	 * Reads a table that {@link #render()} wrote, also one from before the CPU columns.
	 * @param tsv the text
	 * @return its rows
	 * @throws IllegalArgumentException if the text is not such a table
	 */
	public static List<ResultRow> parse(String tsv) {
		String[] lines = tsv.split("\n");
		if (lines.length == 0 || !lines[0].startsWith(String.join("\t", COLUMNS))) {
			throw new IllegalArgumentException("not a results table: the header line is missing");
		}
		String[] header = lines[0].split("\t", -1);
		for (int c = COLUMNS.size(); c < header.length; c++) {
			if (!header[c].startsWith(RSS) && !header[c].startsWith(CPU)) {
				throw new IllegalArgumentException("column " + (c + 1) + " of the header, '" + header[c]
						+ "', is neither '" + RSS + "NAME' nor '" + CPU + "NAME'");
			}
		}
		List<ResultRow> rows = new ArrayList<>();
		for (Tsv.Line line : Tsv.body(tsv, header.length, (wrong) -> "line " + wrong.number() + " has "
				+ wrong.cells().length + " cells, expected " + header.length + ": " + Arrays.toString(wrong.cells()))) {
			String[] cells = line.cells();
			try {
				Map<String, Double> memory = new LinkedHashMap<>();
				Map<String, Double> cpu = new LinkedHashMap<>();
				for (int c = COLUMNS.size(); c < header.length; c++) {
					if (header[c].startsWith(RSS)) {
						memory.put(header[c].substring(RSS.length()), parseNumber(cells[c]));
					}
					else {
						cpu.put(header[c].substring(CPU.length()), parseNumber(cells[c]));
					}
				}
				rows.add(new ResultRow(cells[0], cells[1], Integer.parseInt(cells[2]), Long.parseLong(cells[3]),
						Long.parseLong(cells[4]), parseNumber(cells[5]), parseNumber(cells[6]), parseNumber(cells[7]),
						parseNumber(cells[8]), parseNumber(cells[9]), parseNumber(cells[10]), parseNumber(cells[11]),
						parseNumber(cells[12]), memory, cpu));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("line " + line.number() + ": " + ex.getMessage(), ex);
			}
		}
		return List.copyOf(rows);
	}

	private static double millis(Percentiles values, double p) {
		return values.isEmpty() ? Double.NaN : values.percentile(p) / 1e6;
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
	}

	private static double parseNumber(String cell) {
		return cell.equals("-") ? Double.NaN : Double.parseDouble(cell);
	}

}
