package dev.project51.reliability.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts, per category of hostile requests, what security.md reports: requests tried,
 * answers with a 5xx status, answers that leaked a stack trace or an exception's name,
 * and reads of another user's conversation. Every answer is checked as it is counted, so
 * a test fails on the first 5xx or leak.
 */
final class Tally {

	/**
	 * A Java stack frame, or a qualified exception or error class name, as a stack trace
	 * or Spring's default error page would show it.
	 */
	static final Pattern STACK_TRACE = Pattern
		.compile("(\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\))|\\b(java|javax|jakarta|org|dev|com)\\.[\\w.$]+"
				+ "(Exception|Error)\\b|\"stack_trace\"|\"trace\"\\s*:");

	private final Map<String, Row> rows = new LinkedHashMap<>();

	synchronized RawHttp.Response count(String category, RawHttp.Response response) {
		Row row = this.rows.computeIfAbsent(category, (name) -> new Row());
		row.requests++;
		if (response.status() >= 500) {
			row.serverErrors++;
		}
		if (STACK_TRACE.matcher(response.body()).find()) {
			row.stackTraces++;
		}
		assertThat(response.status()).as("%s: %s", category, response).isLessThan(500);
		assertThat(response.body()).as("%s: an answer without a stack trace", category)
			.doesNotContainPattern(STACK_TRACE);
		return response;
	}

	/**
	 * Counts a request whose answer is not an HTTP answer (a connection closed by the
	 * server), or was checked by the caller.
	 */
	synchronized void countUnanswered(String category, int requests) {
		this.rows.computeIfAbsent(category, (name) -> new Row()).requests += requests;
	}

	synchronized void crossUserRead(String category, boolean leaked) {
		Row row = this.rows.computeIfAbsent(category, (name) -> new Row());
		row.crossUserReads += leaked ? 1 : 0;
		assertThat(leaked).as("%s: another user's conversation was read", category).isFalse();
	}

	synchronized int requests() {
		return this.rows.values().stream().mapToInt((row) -> row.requests).sum();
	}

	/**
	 * Writes the table to {@code target/reliability-reports/hostile-clients.md}.
	 * @param notes lines after the table
	 * @return the report
	 */
	synchronized Path write(List<String> notes) {
		StringBuilder report = new StringBuilder("# Hostile clients against the reference deployment\n\n")
			.append("Measured by `HostileClientsIT` on ")
			.append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
			.append(", every setting at its default.\n\n")
			.append("| category | requests tried | 5xx | stack traces leaked | cross-user reads |\n")
			.append("|---|---|---|---|---|\n");
		this.rows.forEach((category, row) -> report.append("| ")
			.append(category)
			.append(" | ")
			.append(row.requests)
			.append(" | ")
			.append(row.serverErrors)
			.append(" | ")
			.append(row.stackTraces)
			.append(" | ")
			.append(row.crossUserReads)
			.append(" |\n"));
		report.append('\n');
		notes.forEach((note) -> report.append("- ").append(note).append('\n'));
		Path file = Path.of("target", "reliability-reports", "hostile-clients.md").toAbsolutePath();
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private static final class Row {

		int requests;

		int serverErrors;

		int stackTraces;

		int crossUserReads;

	}

}
