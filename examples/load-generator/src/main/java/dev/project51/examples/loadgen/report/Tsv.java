package dev.project51.examples.loadgen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Tab-separated tables as the load generator writes them and the benchmark page reads
 * them: a header line, then one line per row.
 *
 * @since 0.1.0
 */
public final class Tsv {

	private Tsv() {
	}

	/**
	 * The text of a cell: tabs and line feeds, which would end the cell or the row,
	 * become spaces.
	 * @param text the text
	 * @return the text of the cell
	 */
	public static String cell(String text) {
		return text.replace('\t', ' ').replace('\n', ' ');
	}

	/**
	 * The lines of a table after its header line, blank ones left out, each split into
	 * its cells.
	 * @param text the table, its header line first
	 * @param columns the number of cells every line must have
	 * @param mismatch the message for a line with another number of cells
	 * @return the lines
	 * @throws IllegalArgumentException if a line has another number of cells
	 */
	public static List<Line> body(String text, int columns, Function<Line, String> mismatch) {
		List<Line> body = new ArrayList<>();
		String[] lines = text.split("\n");
		for (int i = 1; i < lines.length; i++) {
			if (lines[i].isBlank()) {
				continue;
			}
			Line line = new Line(i + 1, lines[i], lines[i].split("\t", -1));
			if (line.cells().length != columns) {
				throw new IllegalArgumentException(mismatch.apply(line));
			}
			body.add(line);
		}
		return body;
	}

	/**
	 * One line of a table's body.
	 *
	 * @param number the number of the line in the table, the header line being 1
	 * @param text the line
	 * @param cells its cells
	 */
	public record Line(int number, String text, String[] cells) {

	}

}
