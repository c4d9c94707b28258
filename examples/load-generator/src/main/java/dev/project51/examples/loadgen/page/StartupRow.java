package dev.project51.examples.loadgen.page;

/**
 * The start-up and memory of the agent and the frontend under one JVM flag profile. Times
 * in milliseconds ({@code -1} when the app did not become ready), memory in MiB
 * ({@link Double#NaN} when not measured).
 *
 * @param profile the profile's name
 * @param agentFlags the agent's JVM flags
 * @param frontendFlags the frontend's JVM flags
 * @param agentReadyMs from the launch of {@code java} to the first 200 of the readiness
 * probe
 * @param frontendReadyMs the same for the frontend
 * @param agentIdleMib the agent's RSS 5 s after both were ready
 * @param frontendIdleMib the frontend's
 * @param agentPeakMib the agent's VmHWM at the end
 * @param frontendPeakMib the frontend's
 * @param loadBefore the load average before the profile started
 * @param note why a value is missing, or empty
 */
record StartupRow(String profile, String agentFlags, String frontendFlags, long agentReadyMs, long frontendReadyMs,
		double agentIdleMib, double frontendIdleMib, double agentPeakMib, double frontendPeakMib, String loadBefore,
		String note) {

	/**
	 * A profile that did not run: no times, no memory.
	 * @param profile the profile's name
	 * @return the row
	 */
	static StartupRow unmeasured(String profile) {
		return new StartupRow(profile, "", "", -1, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "",
				"not measured");
	}

}
