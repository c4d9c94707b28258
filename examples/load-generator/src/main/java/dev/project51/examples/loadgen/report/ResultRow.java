package dev.project51.examples.loadgen.report;

import java.util.Map;

/**
 * One measured run as numbers: what {@link ResultsTable} writes and reads back. Times in
 * milliseconds, {@link Double#NaN} where there is none (no successful call, no stream).
 *
 * @param scenario the scenario's name
 * @param endpoint what one call requests
 * @param concurrency how many callers ran at once
 * @param ok successful calls
 * @param failures failed calls, unfinished ones included
 * @param throughput successful calls per second
 * @param p50 median total latency
 * @param p95 95th percentile of the total latency
 * @param p99 99th percentile of the total latency
 * @param max the longest call
 * @param firstTokenP50 median time to first token
 * @param firstTokenP95 95th percentile of the time to first token
 * @param firstTokenP99 99th percentile of the time to first token
 * @param peakRssMib the peak resident memory of each watched process, in MiB
 * @param cpuPercent the CPU use of each watched process and of the load generator, in
 * percent of one core
 * @since 0.1.0
 */
public record ResultRow(String scenario, String endpoint, int concurrency, long ok, long failures, double throughput,
		double p50, double p95, double p99, double max, double firstTokenP50, double firstTokenP95,
		double firstTokenP99, Map<String, Double> peakRssMib, Map<String, Double> cpuPercent) {

	/**
	 * Create a row; the memory and CPU maps are copied.
	 * @param scenario the scenario's name
	 * @param endpoint what one call requests
	 * @param concurrency how many callers ran at once
	 * @param ok successful calls
	 * @param failures failed calls
	 * @param throughput successful calls per second
	 * @param p50 median total latency
	 * @param p95 95th percentile
	 * @param p99 99th percentile
	 * @param max the longest call
	 * @param firstTokenP50 median time to first token
	 * @param firstTokenP95 95th percentile of it
	 * @param firstTokenP99 99th percentile of it
	 * @param peakRssMib peak memory by process
	 * @param cpuPercent CPU use by process
	 */
	public ResultRow {
		peakRssMib = Map.copyOf(peakRssMib);
		cpuPercent = Map.copyOf(cpuPercent);
	}

}
