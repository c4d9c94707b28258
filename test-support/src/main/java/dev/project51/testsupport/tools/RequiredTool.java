package dev.project51.testsupport.tools;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.opentest4j.TestAbortedException;

/**
 * The one way a test requires something from the machine that Maven cannot provide: a
 * tool (podman, Chromium, shellcheck, gpg…), a service (PostgreSQL) or a kernel feature
 * (a memory cgroup).
 * <p>
 * When it is missing:
 * <ul>
 * <li>under {@code CI=true} the test <em>fails</em> with a message that says what to
 * install; {@code .ci/run} installs everything the tests require, so in CI a missing tool
 * is a broken machine, never a reason to skip;</li>
 * <li>elsewhere the test is <em>aborted</em> (reported as skipped) with the same message,
 * which is also printed once per JVM on standard error, so a skip is never silent, even
 * where Failsafe does not count a class aborted in {@code @BeforeAll}.</li>
 * </ul>
 */
public final class RequiredTool {

	private static final RequiredTool DEFAULT = new RequiredTool(System.getenv(), System.err);

	private final Map<String, String> environment;

	private final PrintStream log;

	private final Set<String> announced = ConcurrentHashMap.newKeySet();

	RequiredTool(Map<String, String> environment, PrintStream log) {
		this.environment = environment;
		this.log = log;
	}

	/**
	 * Requires what {@code probe} checks.
	 * @param what what is required, as a person would name it (e.g. {@code "podman"})
	 * @param probe whether it is there
	 * @param howToInstall what to do to have it (e.g. {@code "apt-get install podman"})
	 * @throws AssertionError when it is missing and {@code CI=true}
	 * @throws TestAbortedException when it is missing otherwise
	 */
	public static void require(String what, BooleanSupplier probe, String howToInstall) {
		DEFAULT.check(what, probe.getAsBoolean(), howToInstall);
	}

	/**
	 * Requires a value that a probe may not have found.
	 * @param <T> its type
	 * @param what what is required, as a person would name it
	 * @param found what the probe found
	 * @param howToInstall what to do to have it
	 * @return the value
	 * @throws AssertionError when it is missing and {@code CI=true}
	 * @throws TestAbortedException when it is missing otherwise
	 */
	public static <T> T require(String what, Optional<T> found, String howToInstall) {
		DEFAULT.check(what, found.isPresent(), howToInstall);
		return found.get();
	}

	/**
	 * Requires an executable file at a known path.
	 * @param what what is required, as a person would name it
	 * @param executable where it must be
	 * @param howToInstall what to do to have it
	 * @return the executable
	 * @throws AssertionError when it is missing and {@code CI=true}
	 * @throws TestAbortedException when it is missing otherwise
	 */
	public static Path executable(String what, Path executable, String howToInstall) {
		DEFAULT.check(what + " (" + executable + ")", Files.isExecutable(executable), howToInstall);
		return executable;
	}

	/**
	 * Requires a command on the {@code PATH}.
	 * @param command the command's name (e.g. {@code "shellcheck"})
	 * @param howToInstall what to do to have it
	 * @return the executable found first on the {@code PATH}
	 * @throws AssertionError when it is missing and {@code CI=true}
	 * @throws TestAbortedException when it is missing otherwise
	 */
	public static Path onPath(String command, String howToInstall) {
		return DEFAULT.find(command, howToInstall);
	}

	/**
	 * Whether the tests run in CI ({@code CI=true}), where nothing required may be
	 * missing.
	 * @return {@code true} in CI
	 */
	public static boolean inCi() {
		return DEFAULT.ci();
	}

	Path find(String command, String howToInstall) {
		Optional<Path> found = Optional.empty();
		for (String dir : this.environment.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
			Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				found = Optional.of(candidate.toAbsolutePath());
				break;
			}
		}
		check(command, found.isPresent(), howToInstall);
		return found.get();
	}

	boolean ci() {
		return "true".equalsIgnoreCase(this.environment.get("CI"));
	}

	void check(String what, boolean present, String howToInstall) {
		if (present) {
			return;
		}
		if (ci()) {
			throw new AssertionError(what + " is required but missing: " + howToInstall
					+ ". CI=true, so this fails instead of skipping; .ci/run installs it.");
		}
		String message = what + " is missing, so the tests that need it are skipped: " + howToInstall
				+ " (.ci/run installs it; with CI=true they fail instead).";
		if (this.announced.add(what)) {
			this.log.println("[project51] " + message);
		}
		throw new TestAbortedException(message);
	}

}
