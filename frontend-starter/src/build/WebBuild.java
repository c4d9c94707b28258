import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the chat page's script and style sheet: the Maven build runs this file (in
 * generate-resources) with the JDK's source launcher, the way the archetype runs its
 * generator, so that a missing Node.js is reported in words rather than as a failed
 * process.
 * <ol>
 * <li>finds {@code node} and {@code npm} on the {@code PATH} (or in {@code NODE_HOME}) and
 * checks that Node is 18 or newer;</li>
 * <li>installs the npm packages of {@code package-lock.json} with {@code npm ci}, only when
 * {@code package.json} or the lock file changed since the last install: {@code node_modules} is kept next to
 * {@code package.json} (outside {@code target/}, so {@code mvn clean} does not throw it
 * away) with the two files' hash in {@code node_modules/.project51-lock.sha256};</li>
 * <li>runs {@code node build.mjs <classes directory>} (esbuild: bundle, minify,
 * pre-compress).</li>
 * </ol>
 * Usage: {@code java WebBuild.java <web directory> <classes directory>}.
 * <p>
 * In the test phase it runs the unit tests of the page's modules with Node's own test runner
 * ({@code node --test}: every {@code *.test.mjs} under the tests directory) and fails the build when one
 * fails: {@code java WebBuild.java test <web directory> <tests directory>}.
 */
public final class WebBuild {

	private static final int MINIMUM_NODE_MAJOR = 18;

	private static final String STAMP = ".project51-lock.sha256";

	private WebBuild() {
	}

	public static void main(String[] args) throws Exception {
		boolean test = args.length == 3 && args[0].equals("test");
		if (args.length != 2 && !test) {
			fail("usage: java WebBuild.java <web directory> <classes directory>"
					+ " | java WebBuild.java test <web directory> <tests directory>");
		}
		Path web = Path.of(args[test ? 1 : 0]).toAbsolutePath();
		boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
		Path node = find(windows ? List.of("node.exe") : List.of("node"));
		Path npm = find(windows ? List.of("npm.cmd", "npm.exe") : List.of("npm"));
		if (node == null || npm == null) {
			fail("frontend-starter bundles the chat page's JavaScript and CSS from npm packages at build time, so"
					+ " building it needs Node.js " + MINIMUM_NODE_MAJOR + " or newer with npm, but "
					+ ((node == null) ? "node" : "npm") + " was not found on the PATH (" + System.getenv("PATH")
					+ "). Install Node.js (https://nodejs.org, or e.g. `apt-get install nodejs npm`), or set NODE_HOME"
					+ " to its installation directory, and build again.");
		}
		String version = output(List.of(node.toString(), "--version"), web).trim();
		int major = major(version);
		if (major < MINIMUM_NODE_MAJOR) {
			fail("frontend-starter's build needs Node.js " + MINIMUM_NODE_MAJOR + " or newer, but " + node + " is "
					+ version + ". Install a newer Node.js and build again.");
		}
		if (test) {
			test(node, major, web, Path.of(args[2]).toAbsolutePath());
			return;
		}
		Path classes = Path.of(args[1]).toAbsolutePath();
		Path stamp = web.resolve("node_modules").resolve(STAMP);
		String hash = sha256(web.resolve("package.json"), web.resolve("package-lock.json"));
		if (!Files.isRegularFile(stamp) || !Files.readString(stamp).trim().equals(hash)) {
			System.out.println("[web] npm ci (package.json or package-lock.json changed, or node_modules missing)");
			run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--prefer-offline"), web,
					"npm ci failed; the npm registry (or npm's cache, ~/.npm) must be reachable the first time");
			Files.writeString(stamp, hash + "\n");
		}
		else {
			System.out.println("[web] node_modules up to date with package-lock.json (Node " + version + ")");
		}
		run(List.of(node.toString(), "build.mjs", classes.toString()), web, "node build.mjs failed");
	}

	/**
	 * Runs the tests with {@code node --test}, naming each file (Node 18 does not search a directory
	 * given as an argument).
	 */
	private static void test(Path node, int major, Path web, Path tests) throws IOException, InterruptedException {
		List<String> files;
		try (Stream<Path> walk = Files.walk(tests)) {
			files = walk.filter((file) -> file.getFileName().toString().endsWith(".test.mjs"))
				.map(Path::toString)
				.sorted()
				.toList();
		}
		if (files.isEmpty()) {
			fail("no unit tests of the chat page's script (*.test.mjs) under " + tests);
		}
		List<String> command = new ArrayList<>(List.of(node.toString(), "--test"));
		if (major >= 20) {
			// One line per test rather than TAP (the default when the output is no terminal).
			command.add("--test-reporter=spec");
		}
		command.addAll(files);
		System.out.println("[web] node --test: " + files.size() + " files under " + tests);
		run(command, web, "the chat page's script failed its unit tests (node --test; see above)");
	}

	private static Path find(List<String> names) {
		List<String> directories = new ArrayList<>();
		String home = System.getenv("NODE_HOME");
		if (home != null && !home.isBlank()) {
			directories.add(home);
			directories.add(Path.of(home, "bin").toString());
		}
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		for (String directory : directories) {
			for (String name : names) {
				if (directory.isBlank()) {
					continue;
				}
				Path candidate = Path.of(directory, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	private static int major(String version) {
		String digits = version.startsWith("v") ? version.substring(1) : version;
		int dot = digits.indexOf('.');
		try {
			return Integer.parseInt((dot < 0) ? digits : digits.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String sha256(Path... files) throws IOException, NoSuchAlgorithmException {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		for (Path file : files) {
			digest.update(Files.readAllBytes(file));
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String output(List<String> command, Path directory) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			fail(String.join(" ", command) + " failed: " + text);
		}
		return text;
	}

	private static void run(List<String> command, Path directory, String message)
			throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
		int status = process.waitFor();
		if (status != 0) {
			fail(message + " (exit status " + status + " of: " + String.join(" ", command) + ", in " + directory + ")");
		}
	}

	private static void fail(String message) {
		System.err.println("[ERROR] " + message);
		System.exit(1);
	}

}
