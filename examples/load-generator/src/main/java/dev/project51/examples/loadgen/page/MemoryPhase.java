package dev.project51.examples.loadgen.page;

import java.util.Optional;

/**
 * An app's memory at one moment of the memory profile: the kernel's view (from
 * {@code /proc/PID/status}, in MiB) and, where it could be read, the JVM's own account of
 * what it committed.
 *
 * @param phase the agent's {@code idle} or {@code streams-N} and the frontend's
 * {@code frontend-idle}, with the container profile's flags; the same with
 * {@code defaults-} after the app's name ({@code defaults-idle},
 * {@code frontend-defaults-idle}) with the JVM's defaults; the peer race's agent, with
 * its flags, {@code peer-idle} and {@code peer-completions-N}
 * @param rssMib resident memory ({@code VmRSS})
 * @param anonymousMib its anonymous part ({@code RssAnon}: heap, stacks, every malloc)
 * @param fileMib its file-backed part ({@code RssFile}: the JDK's libraries, the class
 * data archive, jars)
 * @param peakMib the highest resident memory so far ({@code VmHWM})
 * @param nmt the JVM's Native Memory Tracking summary, or empty
 * @param heap the heap sizes the JVM chose, or empty
 */
record MemoryPhase(String phase, double rssMib, double anonymousMib, double fileMib, double peakMib,
		Optional<NativeMemory> nmt, Optional<HeapSizes> heap) {

	private static final String FRONTEND = "frontend-";

	private static final String DEFAULTS = "defaults-";

	private static final String PEER = "peer-";

	/**
	 * Whether the phase measured the frontend, not the agent.
	 * @return whether it did
	 */
	boolean frontend() {
		return this.phase.startsWith(FRONTEND);
	}

	private String withoutApp() {
		return frontend() ? this.phase.substring(FRONTEND.length()) : this.phase;
	}

	/**
	 * Whether the app ran with the JVM's defaults in this phase, not the container
	 * profile's flags.
	 * @return whether it did
	 */
	boolean jvmDefaults() {
		return withoutApp().startsWith(DEFAULTS);
	}

	/**
	 * Whether the phase measured the peer race's agent, with the race's flags.
	 * @return whether it did
	 */
	boolean peer() {
		return withoutApp().startsWith(PEER);
	}

	/**
	 * The phase as the page's column names it.
	 * @return e.g. {@code agent streams-64, JVM defaults}
	 */
	String label() {
		String app = frontend() ? "frontend " : "agent ";
		if (jvmDefaults()) {
			return app + withoutApp().substring(DEFAULTS.length()) + ", JVM defaults";
		}
		if (peer()) {
			return app + withoutApp().substring(PEER.length()) + ", peer race flags";
		}
		return app + withoutApp() + ", container flags";
	}

	/**
	 * At least how much of the anonymous memory the JVM does not account for: native
	 * libraries' own allocations. At least, because the JVM's committed memory need not
	 * all be resident.
	 * @return MiB, {@link Double#NaN} without a summary
	 */
	double untrackedMib() {
		return this.nmt.map((memory) -> Math.max(0, this.anonymousMib - memory.totalMib())).orElse(Double.NaN);
	}

}
