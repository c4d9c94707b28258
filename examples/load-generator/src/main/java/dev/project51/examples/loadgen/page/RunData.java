package dev.project51.examples.loadgen.page;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import dev.project51.examples.loadgen.report.ResultRow;
import dev.project51.examples.loadgen.report.ResultsTable;
import dev.project51.examples.loadgen.report.Tsv;

/**
 * Everything one run of {@code benchmark.sh --report} measured, as read from its results
 * directory:
 * <ul>
 * <li>{@code run.properties}: the machine, the load average, the commands
 * ({@code command.N}) and the settings ({@code setting.N});</li>
 * <li>{@code startup.tsv}: one {@link StartupRow} per profile;</li>
 * <li>{@code load.tsv} and {@code load.md}: the load generator's results against the
 * agent and the frontend;</li>
 * <li>{@code peer.tsv}, {@code peer.md} and {@code peer-memory.tsv}: the peer race;</li>
 * <li>{@code jmh.csv}: JMH's CSV result file;</li>
 * <li>the files of the {@link Breakdown}.</li>
 * </ul>
 * Missing files give empty parts (a step that was skipped).
 *
 * @param run the run's properties
 * @param startup the profiles
 * @param load the load on the agent and the frontend
 * @param loadMarkdown the load generator's report of it
 * @param peer the peer race
 * @param peerMarkdown the load generator's report of it
 * @param peerMemory the memory of the peer race's processes
 * @param jmh the client benchmark
 * @param breakdown where the start-up time and the memory go
 */
record RunData(Map<String, String> run, List<StartupRow> startup, List<ResultRow> load, String loadMarkdown,
		List<ResultRow> peer, String peerMarkdown, List<PeerMemory> peerMemory, List<JmhScore> jmh,
		Breakdown breakdown) {

	RunData {
		run = Map.copyOf(run);
		startup = List.copyOf(startup);
		load = List.copyOf(load);
		peer = List.copyOf(peer);
		peerMemory = List.copyOf(peerMemory);
		jmh = List.copyOf(jmh);
	}

	/**
	 * Reads a results directory.
	 * @param dir the directory
	 * @return the data
	 * @throws IOException if a file cannot be read
	 * @throws IllegalArgumentException if a file is malformed
	 */
	static RunData read(Path dir) throws IOException {
		Map<String, String> run = properties(text(dir.resolve("run.properties")));
		return new RunData(run, startup(text(dir.resolve("startup.tsv"))), results(text(dir.resolve("load.tsv"))),
				text(dir.resolve("load.md")), results(text(dir.resolve("peer.tsv"))), text(dir.resolve("peer.md")),
				peerMemory(text(dir.resolve("peer-memory.tsv"))), jmh(text(dir.resolve("jmh.csv"))),
				Breakdown.read(dir));
	}

	/**
	 * The properties whose keys start with a prefix, in the order of their numeric
	 * suffix, e.g. {@code command.1}, {@code command.2}.
	 * @param prefix the prefix, e.g. {@code command.}
	 * @return the values
	 */
	List<String> numbered(String prefix) {
		Map<Integer, String> values = new TreeMap<>();
		this.run.forEach((key, value) -> {
			if (key.startsWith(prefix) && key.substring(prefix.length()).matches("\\d{1,6}")) {
				values.put(Integer.parseInt(key.substring(prefix.length())), value);
			}
		});
		return List.copyOf(values.values());
	}

	/**
	 * A property, or a default.
	 * @param key the key
	 * @param fallback what to return without it
	 * @return the value
	 */
	String get(String key, String fallback) {
		return this.run.getOrDefault(key, fallback);
	}

	static Map<String, String> properties(String text) throws IOException {
		Properties properties = new Properties();
		properties.load(new StringReader(text));
		Map<String, String> map = new LinkedHashMap<>();
		properties.stringPropertyNames().forEach((name) -> map.put(name, properties.getProperty(name)));
		return map;
	}

	static List<ResultRow> results(String text) {
		return text.isBlank() ? List.of() : ResultsTable.parse(text);
	}

	static List<StartupRow> startup(String text) {
		List<StartupRow> rows = new ArrayList<>();
		for (String[] cells : tsv(text, 11)) {
			rows.add(new StartupRow(cells[0], cells[1], cells[2], whole(cells[3]), whole(cells[4]), number(cells[5]),
					number(cells[6]), number(cells[7]), number(cells[8]), cells[9], cells[10]));
		}
		return rows;
	}

	static List<PeerMemory> peerMemory(String text) {
		List<PeerMemory> rows = new ArrayList<>();
		for (String[] cells : tsv(text, 4)) {
			rows.add(new PeerMemory(cells[0], cells[1], number(cells[2]), number(cells[3])));
		}
		return rows;
	}

	/**
	 * Reads JMH's CSV result file ({@code -rf csv}): the benchmark's method name, score,
	 * error and unit of each line.
	 * @param text the file
	 * @return the scores
	 */
	static List<JmhScore> jmh(String text) {
		List<JmhScore> scores = new ArrayList<>();
		String[] lines = text.split("\n");
		for (int i = 1; i < lines.length; i++) {
			if (lines[i].isBlank()) {
				continue;
			}
			String[] cells = lines[i].split(",", -1);
			if (cells.length < 7) {
				throw new IllegalArgumentException("jmh.csv line " + (i + 1) + " has " + cells.length
						+ " cells, expected at least 7: " + lines[i]);
			}
			String name = unquote(cells[0]);
			scores.add(new JmhScore(name.substring(name.lastIndexOf('.') + 1), number(cells[4]), number(cells[5]),
					unquote(cells[6])));
		}
		return scores;
	}

	static List<String[]> tsv(String text, int columns) {
		return Tsv
			.body(text, columns,
					(line) -> "line " + line.number() + " has " + line.cells().length + " cells, expected " + columns
							+ ": " + line.text())
			.stream()
			.map(Tsv.Line::cells)
			.toList();
	}

	static String text(Path file) throws IOException {
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).replace("\r", "") : "";
	}

	private static String unquote(String cell) {
		String trimmed = cell.strip();
		return (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\""))
				? trimmed.substring(1, trimmed.length() - 1) : trimmed;
	}

	private static long whole(String cell) {
		String trimmed = cell.strip();
		return (trimmed.isEmpty() || trimmed.equals("-")) ? -1 : Long.parseLong(trimmed);
	}

	static double number(String cell) {
		String trimmed = unquote(cell);
		if (trimmed.isEmpty() || trimmed.equals("-") || trimmed.equalsIgnoreCase("NaN")) {
			return Double.NaN;
		}
		try {
			return Double.parseDouble(trimmed);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + cell + "' is not a number", ex);
		}
	}

}
