package dev.project51.examples.loadgen.page;

import dev.project51.examples.loadgen.host.ProcessCpu;
import dev.project51.examples.loadgen.host.ThreadGroups;

/**
 * The CPU time a JVM had used when it became ready, by kind of thread: what its start-up
 * spent the machine's cores on. Read from a copy of {@code /proc/PID/stat} followed by
 * every {@code /proc/PID/task/TID/stat} ({@code cat /proc/PID/stat /proc/PID/task/*}
 * {@code /stat}, taken by {@code benchmark.sh} as soon as the readiness probe answered).
 * Threads are told apart by their name: {@code java} is the launcher's thread and the one
 * that runs {@code main} (Spring's context refresh, single-threaded); {@code C1/C2
 * CompilerThread} the JIT compilers; {@code GC Thread}, {@code G1 ...} and
 * {@code VM Thread} the collector and safepoints. {@link #otherMs()} is the rest: the
 * application's own threads and every thread that had ended (the process's total counts
 * them, the thread list no longer shows them).
 *
 * @param totalMs all threads, ended ones included
 * @param mainMs the threads named {@code java}
 * @param compilerMs the JIT compiler threads
 * @param gcMs the collector's threads and the VM thread
 * @param otherMs the rest
 */
record ThreadCpu(long totalMs, long mainMs, long compilerMs, long gcMs, long otherMs) {

	/**
	 * Reads a copy of a process's {@code stat} line followed by its threads' lines.
	 * @param dump the lines
	 * @return the CPU time by kind of thread
	 * @throws IllegalArgumentException if a line is not a {@code stat} line
	 */
	static ThreadCpu parse(String dump) {
		String[] lines = dump.strip().split("\n");
		long total = millis(lines[0]);
		long[] byKind = new long[3];
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i];
			int open = line.indexOf('(');
			int kind = kind(line.substring(open + 1, Math.max(open + 1, line.lastIndexOf(')'))));
			if (kind >= 0) {
				byKind[kind] += millis(line);
			}
		}
		long other = Math.max(0, total - byKind[0] - byKind[1] - byKind[2]);
		return new ThreadCpu(total, byKind[0], byKind[1], byKind[2], other);
	}

	/**
	 * The kind of a thread by its name: 0 main, 1 compiler, 2 collector, -1 other.
	 */
	private static int kind(String name) {
		if (name.equals("java")) {
			return 0;
		}
		String group = ThreadGroups.of(name);
		if (group.equals(ThreadGroups.JIT)) {
			return 1;
		}
		if (group.equals(ThreadGroups.GC)) {
			return 2;
		}
		return -1;
	}

	private static long millis(String stat) {
		return ProcessCpu.parse(stat)
			.orElseThrow(() -> new IllegalArgumentException("not a /proc stat line: " + stat))
			.toMillis();
	}

}
