package dev.project51.examples.loadgen.host;

/**
 * The group a JVM thread belongs to, by the name Linux shows for it
 * ({@code /proc/PID/task/TID/stat}), which is the Java thread's name cut to 15
 * characters. Threads of one pool share a name up to their number, so a group is that
 * name without its trailing number; the JVM's own threads get a plain name.
 *
 * @since 0.1.0
 */
public final class ThreadGroups {

	/**
	 * The JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}).
	 */
	public static final String JIT = "JIT compilers";

	/** The collector's threads and the VM thread, which runs safepoints. */
	public static final String GC = "GC and VM thread";

	/** Tomcat's threads ({@code http-nio-PORT-exec-*}, its poller and acceptor). */
	public static final String TOMCAT = "Tomcat (http-nio-*)";

	/**
	 * The JDK {@code HttpClient}'s selector threads
	 * ({@code HttpClient-N-SelectorManager}).
	 */
	public static final String HTTP_CLIENT = "JDK HttpClient selector";

	private ThreadGroups() {
	}

	/**
	 * The group of a thread.
	 * @param name the thread's name as Linux shows it
	 * @return the group: one of the constants, or the name without its trailing number
	 * followed by {@code *}
	 */
	public static String of(String name) {
		if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
			return JIT;
		}
		if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
			return GC;
		}
		if (name.startsWith("http-nio-")) {
			return TOMCAT;
		}
		if (name.startsWith("HttpClient-")) {
			return HTTP_CLIENT;
		}
		int end = name.length();
		while (end > 0 && (Character.isDigit(name.charAt(end - 1)) || "-#_ ".indexOf(name.charAt(end - 1)) >= 0)) {
			end--;
		}
		return (end < name.length()) ? name.substring(0, end) + "*" : name;
	}

}
