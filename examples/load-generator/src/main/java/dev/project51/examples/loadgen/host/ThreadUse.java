package dev.project51.examples.loadgen.host;

import java.time.Duration;

/**
 * What a group of a process's threads used over a stretch of time.
 *
 * @param group the group ({@link ThreadGroups#of(String)}), or {@link #ENDED}
 * @param threads how many threads of the group were alive at the end
 * @param cpu their CPU time (user + system), in steps of 10 ms
 * @param switches how often they were switched off a core, voluntarily (to wait) or not
 * @since 0.1.0
 */
public record ThreadUse(String group, int threads, Duration cpu, long switches) {

	/**
	 * The group of the CPU time of threads that ended during the stretch: the process's
	 * time less that of the threads still alive. Their switches are not known.
	 */
	public static final String ENDED = "threads that ended";

}
