package dev.project51.examples.loadgen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.project51.examples.loadgen.load.Percentiles;
import dev.project51.examples.loadgen.load.RunResult;

/**
 * The results of a load run as a Markdown section: one table row per scenario and
 * concurrency, the failures by kind, and optionally the time to first token of one
 * scenario compared with another's (the frontend's relay against the agent).
 *
 * @since 0.1.0
 */
public final class MarkdownReport {

	private static final double MIB = 1024 * 1024;

	private final String title;

	private final List<String> notes;

	private final List<String> memory;

	private final List<String> cpu;

	private final List<Row> rows = new ArrayList<>();

	private final List<String[]> comparisons = new ArrayList<>();

	/**
	 * Create an empty report.
	 * @param title the section title
	 * @param notes lines to list under the title (what was measured and how)
	 * @param memory the names of the processes whose peak memory is reported, in column
	 * order
	 * @param cpu the names of the processes whose CPU use is reported, in column order
	 */
	public MarkdownReport(String title, List<String> notes, List<String> memory, List<String> cpu) {
		this.title = Objects.requireNonNull(title, "title");
		this.notes = List.copyOf(notes);
		this.memory = List.copyOf(memory);
		this.cpu = List.copyOf(cpu);
	}

	/**
	 * Adds a measured run.
	 * @param result the run
	 * @param peakRss the peak resident memory of each process during the run, in bytes
	 * @param cpuPercent the CPU use of each process during the run, in percent of one
	 * core
	 * @param loadAverage the machine's load average at the end of the run, or
	 * {@code null}
	 */
	public void add(RunResult result, Map<String, Long> peakRss, Map<String, Double> cpuPercent, String loadAverage) {
		this.rows.add(new Row(result, Map.copyOf(peakRss), Map.copyOf(cpuPercent), loadAverage));
	}

	/**
	 * Compares the time to first token of two scenarios at each concurrency both ran at.
	 * @param label what the comparison shows
	 * @param baseline the scenario measured directly, e.g. the agent
	 * @param measured the scenario measured through something, e.g. the frontend
	 */
	public void compareFirstToken(String label, String baseline, String measured) {
		this.comparisons.add(new String[] { label, baseline, measured });
	}

	/**
	 * The report.
	 * @return the Markdown
	 */
	public String render() {
		StringBuilder md = new StringBuilder();
		md.append("### ").append(this.title).append("\n\n");
		for (String note : this.notes) {
			md.append("- ").append(note).append('\n');
		}
		if (!this.notes.isEmpty()) {
			md.append('\n');
		}
		md.append("| scenario | endpoint | concurrency | ok | errors | req/s | p50 ms | p95 ms | p99 ms | max ms "
				+ "| first token p50 / p95 / p99 ms |");
		this.memory.forEach((name) -> md.append(" peak RSS ").append(name).append(" MiB |"));
		this.cpu.forEach((name) -> md.append(" CPU % ").append(name).append(" |"));
		md.append(" load avg |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|");
		md.append("---|".repeat(this.memory.size() + this.cpu.size()));
		md.append("---|\n");
		for (Row row : this.rows) {
			RunResult result = row.result();
			Percentiles latencies = result.latencies();
			md.append("| ")
				.append(result.scenario())
				.append(" | `")
				.append(result.endpoint())
				.append("` | ")
				.append(result.concurrency())
				.append(" | ")
				.append(result.successes())
				.append(" | ")
				.append(result.failures())
				.append(" | ")
				.append(String.format(Locale.ROOT, "%.1f", result.throughput()))
				.append(" | ")
				.append(millis(latencies, 50))
				.append(" | ")
				.append(millis(latencies, 95))
				.append(" | ")
				.append(millis(latencies, 99))
				.append(" | ")
				.append(millis(latencies, 100))
				.append(" | ");
			Percentiles first = result.firstTokens();
			md.append(
					first.isEmpty() ? "–" : millis(first, 50) + " / " + millis(first, 95) + " / " + millis(first, 99));
			md.append(" |");
			for (String name : this.memory) {
				Long peak = row.peakRss().get(name);
				md.append(' ').append((peak != null) ? whole(peak / MIB) : "–").append(" |");
			}
			for (String name : this.cpu) {
				Double percent = row.cpuPercent().get(name);
				md.append(' ').append((percent != null) ? whole(percent) : "–").append(" |");
			}
			md.append(' ').append((row.loadAverage() != null) ? row.loadAverage() : "–").append(" |\n");
		}
		appendFailures(md);
		for (String[] comparison : this.comparisons) {
			appendComparison(md, comparison[0], comparison[1], comparison[2]);
		}
		return md.toString();
	}

	private void appendFailures(StringBuilder md) {
		List<String> lines = new ArrayList<>();
		for (Row row : this.rows) {
			RunResult result = row.result();
			List<String> kinds = new ArrayList<>();
			result.errors().forEach((kind, count) -> kinds.add(kind + " × " + count));
			if (result.unfinished() > 0) {
				kinds.add("unfinished at the end × " + result.unfinished());
			}
			if (!kinds.isEmpty()) {
				lines.add("- " + result.scenario() + " at " + result.concurrency() + ": " + String.join(", ", kinds));
			}
		}
		md.append('\n');
		if (lines.isEmpty()) {
			md.append("No failed calls.\n");
		}
		else {
			md.append("Failed calls by kind:\n\n");
			lines.forEach((line) -> md.append(line).append('\n'));
		}
	}

	private void appendComparison(StringBuilder md, String label, String baseline, String measured) {
		List<String> lines = new ArrayList<>();
		for (Row row : this.rows) {
			if (!row.result().scenario().equals(measured)) {
				continue;
			}
			Optional<Row> base = this.rows.stream()
				.filter((other) -> other.result().scenario().equals(baseline)
						&& other.result().concurrency() == row.result().concurrency())
				.findFirst();
			Percentiles through = row.result().firstTokens();
			if (base.isEmpty() || through.isEmpty() || base.get().result().firstTokens().isEmpty()) {
				continue;
			}
			Percentiles direct = base.get().result().firstTokens();
			StringBuilder line = new StringBuilder("| ").append(row.result().concurrency()).append(" |");
			for (double p : new double[] { 50, 95, 99 }) {
				line.append(' ')
					.append(millis(direct, p))
					.append(" | ")
					.append(millis(through, p))
					.append(" | ")
					.append(signedMillis(through.percentile(p) - direct.percentile(p)))
					.append(" |");
			}
			lines.add(line.toString());
		}
		if (lines.isEmpty()) {
			return;
		}
		md.append("\n").append(label).append(" (time to first token, ms; ").append(baseline).append(" vs ");
		md.append(measured).append("):\n\n");
		md.append("| concurrency | p50 direct | p50 relayed | p50 overhead | p95 direct | p95 relayed | p95 overhead "
				+ "| p99 direct | p99 relayed | p99 overhead |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|\n");
		lines.forEach((line) -> md.append(line).append('\n'));
	}

	static String millis(Percentiles values, double p) {
		if (values.isEmpty()) {
			return "–";
		}
		return Numbers.millis(values.percentile(p) / 1e6);
	}

	static String signedMillis(long nanos) {
		String text = Numbers.millis(Math.abs(nanos) / 1e6);
		return ((nanos < 0) ? "−" : "+") + text;
	}

	private static String whole(double value) {
		return String.format(Locale.ROOT, "%.0f", value);
	}

	private record Row(RunResult result, Map<String, Long> peakRss, Map<String, Double> cpuPercent,
			String loadAverage) {
	}

}
