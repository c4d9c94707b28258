package dev.project51.examples.loadgen.page;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The page's charts, rendered with JFreeChart into PNG files.
 */
final class Charts {

	static final int WIDTH = 800;

	static final int HEIGHT = 420;

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
			new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b) };

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private Charts() {
	}

	/**
	 * A line per series over categories, e.g. the latency against the concurrency.
	 * @param file the PNG to write
	 * @param title the chart's title
	 * @param xLabel the category axis
	 * @param yLabel the value axis
	 * @param series values by category, by series; {@link Double#NaN} values are left out
	 * @throws IOException if the file cannot be written
	 */
	static void lines(Path file, String title, String xLabel, String yLabel, Map<String, Map<String, Double>> series)
			throws IOException {
		JFreeChart chart = ChartFactory.createLineChart(title, xLabel, yLabel, dataset(series),
				PlotOrientation.VERTICAL, true, false, false);
		CategoryPlot plot = style(chart);
		LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
		renderer.setDefaultShapesVisible(true);
		// "x p50" and "x p99" share a colour; the p99 line is dashed.
		List<String> bases = new ArrayList<>();
		int i = 0;
		for (String name : series.keySet()) {
			String base = name.replaceFirst(" p\\d+$", "");
			if (!bases.contains(base)) {
				bases.add(base);
			}
			renderer.setSeriesPaint(i, COLORS[bases.indexOf(base) % COLORS.length]);
			renderer.setSeriesStroke(i, name.endsWith(" p99") ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT,
					BasicStroke.JOIN_MITER, 10f, new float[] { 8f, 5f }, 0f) : new BasicStroke(2.5f));
			i++;
		}
		save(file, chart);
	}

	/**
	 * Grouped bars: one group per category, one bar per series.
	 * @param file the PNG to write
	 * @param title the chart's title
	 * @param xLabel the category axis
	 * @param yLabel the value axis
	 * @param series values by category, by series; {@link Double#NaN} values are left out
	 * @throws IOException if the file cannot be written
	 */
	static void bars(Path file, String title, String xLabel, String yLabel, Map<String, Map<String, Double>> series)
			throws IOException {
		JFreeChart chart = ChartFactory.createBarChart(title, xLabel, yLabel, dataset(series), PlotOrientation.VERTICAL,
				true, false, false);
		CategoryPlot plot = style(chart);
		BarRenderer renderer = (BarRenderer) plot.getRenderer();
		renderer.setBarPainter(new StandardBarPainter());
		renderer.setShadowVisible(false);
		renderer.setItemMargin(0.05);
		for (int i = 0; i < series.size(); i++) {
			renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
		}
		save(file, chart);
	}

	private static DefaultCategoryDataset dataset(Map<String, Map<String, Double>> series) {
		DefaultCategoryDataset dataset = new DefaultCategoryDataset();
		series.forEach((name, values) -> values.forEach((category, value) -> {
			if (value != null && !value.isNaN()) {
				dataset.addValue(value, name, category);
			}
		}));
		return dataset;
	}

	private static CategoryPlot style(JFreeChart chart) {
		chart.setBackgroundPaint(Color.WHITE);
		CategoryPlot plot = chart.getCategoryPlot();
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		plot.setOutlineVisible(false);
		return plot;
	}

	private static void save(Path file, JFreeChart chart) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
	}

}
