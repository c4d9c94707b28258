package dev.project51.examples.loadgen.page;

import java.util.HashMap;
import java.util.Map;

/**
 * What a JVM's start-up spent on classes, from the JVM's own counters as its readiness
 * probe first answered ({@code jstat -J-Djstat.showUnsupported=true -snap PID}, which
 * reads them from the JVM's shared memory without attaching, taken by
 * {@code benchmark.sh}). The times are elapsed time on every thread that loaded a class,
 * waiting for a core included; an event nested in another (a class loaded while another
 * class initialises) counts once, in {@link #totalMs()} and in the innermost event's
 * share.
 *
 * @param classes classes loaded, from the class data archive or AOT cache and from the
 * jars
 * @param archivedClasses of those, the classes mapped from the archive or cache
 * @param totalMs all class loading, linking, verification and static initialisation
 * ({@code sun.cls.time})
 * @param initializersMs the static initialisers' own code ({@code classInitTime.self})
 * @param linkingMs linking and verification, their own work ({@code classLinkedTime.self}
 * and {@code classVerifyTime.self})
 */
record ClassLoading(long classes, long archivedClasses, long totalMs, long initializersMs, long linkingMs) {

	/**
	 * The rest of {@link #totalMs()}: finding, reading, parsing and defining classes.
	 * @return milliseconds
	 */
	long loadingMs() {
		return Math.max(0, this.totalMs - this.initializersMs - this.linkingMs);
	}

	/**
	 * Reads {@code jstat -snap}'s {@code name=value} lines.
	 * @param snap the lines
	 * @return the counters
	 * @throws IllegalArgumentException if a counter is missing or not a number
	 */
	static ClassLoading parse(String snap) {
		Map<String, String> counters = new HashMap<>();
		for (String line : snap.strip().split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				counters.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
			}
		}
		double ticksPerMs = counter(counters, "sun.os.hrt.frequency") / 1e3;
		long archived = counter(counters, "java.cls.sharedLoadedClasses");
		return new ClassLoading(counter(counters, "java.cls.loadedClasses") + archived, archived,
				Math.round(counter(counters, "sun.cls.time") / ticksPerMs),
				Math.round(counter(counters, "sun.cls.classInitTime.self") / ticksPerMs),
				Math.round((counter(counters, "sun.cls.classLinkedTime.self")
						+ counter(counters, "sun.cls.classVerifyTime.self")) / ticksPerMs));
	}

	private static long counter(Map<String, String> counters, String name) {
		String value = counters.get(name);
		if (value == null) {
			throw new IllegalArgumentException("no counter " + name + " in the jstat -snap output");
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("counter " + name + " is not a number: " + value, ex);
		}
	}

}
