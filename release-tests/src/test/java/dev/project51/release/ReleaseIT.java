package dev.project51.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.project51.testsupport.tools.Command;
import dev.project51.testsupport.tools.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release, end to end and offline. In a clean copy of the committed tree (git archive
 * HEAD, so the shared working tree and its uncommitted files stay out of it), with the
 * version set to the release by {@code .github/release/set-version.sh}, this runs the
 * release workflow's deploy step itself, with three changes that keep it local: Maven
 * gets a settings file whose only repository is a hard-linked copy of the user's local
 * repository without {@code dev/project51} (a cache of Maven Central), a fresh local
 * repository, and {@code -DskipUpload=true}, so central-publishing-maven-plugin writes
 * the bundle it would upload. The artifacts are signed with a key generated here. Then:
 * <ul>
 * <li>the bundle is checked against Maven Central's rules;</li>
 * <li>a project is generated from the staged archetype and built ({@code mvn verify},
 * tests skipped: the archetype's own integration test runs the full build of a generated
 * project) with another fresh local repository that gets Project51 from the bundle alone,
 * and its CI workflow's library check passes with the bundle and fails with the README's
 * message without it;</li>
 * <li>the API check (japicmp) runs against the bundle as its baseline and catches a
 * removed public method.</li>
 * </ul>
 * Phase durations go to {@code target/release/timings.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseIT {

	private static final String PASSPHRASE = "throw-away-" + System.nanoTime();

	private static final Pattern PARENT_VERSION = Pattern
		.compile("<artifactId>project51-parent</artifactId>\\s*<version>([^<]+)</version>");

	private static final Map<String, String> MODULE_NAMES = Map.of("project51-agent-client",
			"dev.project51.agent.client", "project51-server-support", "dev.project51.server",
			"project51-agent-spring-boot-starter", "dev.project51.agent.server",
			"project51-frontend-spring-boot-starter", "dev.project51.frontend", "project51-k8s-templates",
			"dev.project51.k8s", "project51-infra-cdktf", "dev.project51.infra", "project51-archetype",
			"dev.project51.archetype");

	private final Path root = Path.of(required("project51.repository.root")).toAbsolutePath().normalize();

	private final Path work = Path.of(required("project51.workdir")).toAbsolutePath().normalize();

	private final Path mavenHome = Path.of(required("maven.home"));

	private final Path userRepository = Path.of(required("maven.repo.local"));

	private final Map<String, Duration> timings = new LinkedHashMap<>();

	private Path source;

	private Path cache;

	private Path staged;

	private Path gnupg;

	private Path verifyingGnupg;

	private String releaseVersion;

	private String nextVersion;

	private JsonNode workflow;

	@BeforeAll
	void stageTheRelease() throws Exception {
		for (String tool : List.of("git", "gpg", "tar", "cp")) {
			RequiredTool.onPath(tool, "apt-get install git gnupg tar coreutils");
		}
		RequiredTool.require("a git checkout of the repository",
				() -> Files.isDirectory(this.root.resolve(".git")) || Files.isRegularFile(this.root.resolve(".git")),
				"run from a git clone: the release is built from the committed tree");
		deleteRecursively(this.work);
		Files.createDirectories(this.work);

		long start = System.nanoTime();
		this.source = this.work.resolve("source");
		Files.createDirectories(this.source);
		run("copy", Command.of("bash", "-c", "git -C \"$1\" archive --format=tar HEAD | tar -x -C \"$2\"", "copy",
				this.root.toString(), this.source.toString()));
		String version = parentVersion(this.source);
		this.releaseVersion = version.replace("-SNAPSHOT", "");
		String[] parts = this.releaseVersion.split("\\.");
		this.nextVersion = parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1) + "-SNAPSHOT";
		run("set-version", Command.of("bash", ".github/release/set-version.sh", this.releaseVersion).in(this.source));
		assertThat(parentVersion(this.source)).isEqualTo(this.releaseVersion);

		this.cache = this.work.resolve("cache");
		if (!Command.of("cp", "-al", this.userRepository.toString(), this.cache.toString())
			.log(this.work.resolve("logs/cache.log"))
			.run()
			.succeeded()) {
			deleteRecursively(this.cache);
			run("cache", Command.of("cp", "-a", this.userRepository.toString(), this.cache.toString())
				.timeout(Duration.ofMinutes(10)));
		}
		deleteRecursively(this.cache.resolve("dev/project51"));
		// Served as a remote repository: Maven reads maven-metadata.xml (version ranges),
		// which a local repository keeps as maven-metadata-<repository id>.xml.
		run("cache-metadata", Command.of("find", this.cache.toString(), "-name", "maven-metadata-central.xml",
				"-execdir", "ln", "-f", "maven-metadata-central.xml", "maven-metadata.xml", ";"));
		this.staged = this.work.resolve("staged");
		writeSettings("settings-cache.xml", false);
		writeSettings("settings-staged.xml", true);
		this.timings.put("copy the committed tree, set the version, hard-link the cache",
				Duration.ofNanos(System.nanoTime() - start));

		start = System.nanoTime();
		this.gnupg = Files.createTempDirectory("p51-gpg-");
		this.verifyingGnupg = Files.createTempDirectory("p51-gpgv-");
		for (Path home : List.of(this.gnupg, this.verifyingGnupg)) {
			Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
		}
		run("gpg-generate",
				gpg(this.gnupg, "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE, "--quick-gen-key",
						"Project51 release test <release-test@project51.invalid>", "rsa2048", "sign", "never"));
		String secretKey = run("gpg-export-secret", gpg(this.gnupg, "--pinentry-mode", "loopback", "--passphrase",
				PASSPHRASE, "--armor", "--export-secret-keys"))
			.output();
		Path publicKey = this.work.resolve("public-key.asc");
		Files.writeString(publicKey, run("gpg-export-public", gpg(this.gnupg, "--armor", "--export")).output());
		run("gpg-import-public", gpg(this.verifyingGnupg, "--import", publicKey.toString()));
		this.timings.put("generate the throw-away key", Duration.ofNanos(System.nanoTime() - start));

		this.workflow = new YAMLMapper().readTree(this.source.resolve(".github/workflows/release.yml").toFile());
		JsonNode deployStep = step(this.workflow.at("/jobs/deploy/steps"), "Deploy");
		String deployCommand = deployStep.at("/run").asText();
		assertThat(deployCommand).contains("-Prelease").contains("deploy").contains("$PUBLISHED_MODULES");
		assertThat(deployStep.at("/env").has("MAVEN_GPG_KEY")).isTrue();
		assertThat(deployStep.at("/env").has("MAVEN_GPG_PASSPHRASE")).isTrue();
		Path bin = mavenWrapper("bin-release", "settings-cache.xml", this.work.resolve("repository-release"),
				"-DskipUpload=true");
		Command.Result deploy = run("release-deploy",
				Command.of("bash", "-euo", "pipefail", "-c", deployCommand)
					.in(this.source)
					.env("PATH", bin + ":" + System.getenv("PATH"))
					.env("PUBLISHED_MODULES", this.workflow.at("/env/PUBLISHED_MODULES").asText())
					.env("MAVEN_GPG_KEY", secretKey)
					.env("MAVEN_GPG_PASSPHRASE", PASSPHRASE)
					.timeout(Duration.ofMinutes(20)));
		this.timings.put("release workflow's deploy (-Prelease, tests skipped, signed, bundled)", deploy.took());
		Path bundle = this.source.resolve("target/central-publishing/central-bundle.zip");
		assertThat(bundle)
			.as("the bundle central-publishing-maven-plugin writes, see %s",
					this.work.resolve("logs/release-deploy.log"))
			.isRegularFile();
		unzip(bundle, this.staged);
	}

	@AfterAll
	void stopTheGpgAgents() throws Exception {
		StringBuilder report = new StringBuilder();
		this.timings
			.forEach((phase, took) -> report.append(String.format("%6.1f s  %s%n", took.toMillis() / 1000.0, phase)));
		Files.writeString(this.work.resolve("timings.txt"), report.toString());
		System.out.print("ReleaseIT timings:\n" + report);
		for (Path home : new Path[] { this.gnupg, this.verifyingGnupg }) {
			if (home != null) {
				Command.of("gpgconf", "--kill", "gpg-agent")
					.env("GNUPGHOME", home.toString())
					.log(this.work.resolve("logs/gpgconf.log"))
					.run();
				// rm, not a Java walk: the agent removes its sockets while it stops.
				Command.of("rm", "-rf", home.toString()).log(this.work.resolve("logs/rm-gnupg.log")).run();
			}
		}
		// The local repositories and the cache hold hundreds of MB; the logs, the bundle
		// and
		// the generated project stay for a look after a failure.
		if (!Boolean.getBoolean("project51.release.keep")) {
			try (Stream<Path> dirs = Files.list(this.work)) {
				for (Path dir : dirs
					.filter((dir) -> dir.getFileName().toString().startsWith("repository-")
							|| dir.getFileName().toString().equals("cache"))
					.toList()) {
					deleteRecursively(dir);
				}
			}
		}
	}

	@Test
	@Order(1)
	void bundleHoldsThePublishedModulesAndNothingElse() throws Exception {
		Set<String> expected = new TreeSet<>();
		for (String module : this.workflow.at("/env/PUBLISHED_MODULES").asText().split(",")) {
			expected.add(artifactId(this.source.resolve(module).resolve("pom.xml")));
		}
		assertThat(expected).contains("project51-parent", "project51-dependencies", "project51-archetype");
		Set<String> staged = new TreeSet<>();
		try (Stream<Path> dirs = Files.list(this.staged.resolve("dev/project51"))) {
			dirs.forEach((dir) -> staged.add(dir.getFileName().toString()));
		}
		assertThat(staged).isEqualTo(expected);
		try (Stream<Path> dirs = Files.list(this.staged)) {
			assertThat(dirs.map((dir) -> dir.getFileName().toString())).containsExactly("dev");
		}
	}

	@Test
	@Order(2)
	void everyModuleThatIsNotPublishedSkipsPublishing() throws Exception {
		Set<String> published = Set.of(this.workflow.at("/env/PUBLISHED_MODULES").asText().split(","));
		Document rootPom = parse(this.source.resolve("pom.xml"));
		List<String> problems = new ArrayList<>();
		for (Element module : children(rootPom.getDocumentElement(), "modules", "module")) {
			String name = module.getTextContent().trim();
			Document pom = parse(this.source.resolve(name).resolve("pom.xml"));
			boolean ourParent = text(pom.getDocumentElement(), "parent", "artifactId").equals("project51-parent");
			boolean skips = text(pom.getDocumentElement(), "properties", "skipPublishing").equals("true");
			if (!published.contains(name) && ourParent && !skips) {
				problems.add(name + " is not in PUBLISHED_MODULES of release.yml and does not set skipPublishing");
			}
			if (published.contains(name) && skips) {
				problems.add(name + " is in PUBLISHED_MODULES but sets skipPublishing");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	@Order(3)
	void everyArtifactHasItsPomJarSourcesAndJavadoc() throws Exception {
		List<String> missing = new ArrayList<>();
		for (Path pom : files((name) -> name.endsWith(".pom"))) {
			String base = pom.getFileName().toString().replaceAll("\\.pom$", "");
			String packaging = text(parse(pom).getDocumentElement(), "packaging");
			if (packaging.isEmpty() || !packaging.equals("pom")) {
				for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar")) {
					if (!Files.isRegularFile(pom.resolveSibling(base + suffix))) {
						missing.add(base + suffix);
					}
				}
			}
		}
		assertThat(missing).isEmpty();
		assertThat(files((name) -> name.endsWith("-javadoc.jar"))).hasSize(7);
	}

	@Test
	@Order(4)
	void everyFileIsSignedWithTheReleaseKeyAndHasItsChecksums() throws Exception {
		List<Path> artifacts = files(
				(name) -> !name.endsWith(".asc") && !name.matches(".*\\.(md5|sha1|sha256|sha512)$"));
		// 2 POMs (parent, BOM); 7 jars with their sources, javadoc and POM; the agent
		// starter's test jar
		assertThat(artifacts).hasSize(31);
		List<String> problems = new ArrayList<>();
		for (Path artifact : artifacts) {
			Path signature = artifact.resolveSibling(artifact.getFileName() + ".asc");
			Command.Result verify = gpg(this.verifyingGnupg, "--status-fd", "1", "--verify", signature.toString(),
					artifact.toString())
				.log(this.work.resolve("logs/gpg-verify.log"))
				.run();
			if (!verify.succeeded() || !verify.output().contains("[GNUPG:] VALIDSIG")) {
				problems.add(artifact.getFileName() + ": signature does not verify: " + verify.output());
			}
			byte[] content = Files.readAllBytes(artifact);
			for (String algorithm : List.of("MD5", "SHA-1")) {
				Path checksum = artifact.resolveSibling(
						artifact.getFileName() + "." + algorithm.toLowerCase(java.util.Locale.ROOT).replace("-", ""));
				if (!Files.isRegularFile(checksum)) {
					problems.add(checksum.getFileName() + " is missing");
				}
				else if (!Files.readString(checksum).trim().startsWith(digest(algorithm, content))) {
					problems.add(checksum.getFileName() + " does not match");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	@Order(5)
	void everyPomHasTheMetadataCentralRequires() throws Exception {
		List<String> problems = new ArrayList<>();
		for (Path pom : files((name) -> name.endsWith(".pom"))) {
			Element project = parse(pom).getDocumentElement();
			String name = pom.getFileName().toString();
			if (text(project, "name").isBlank()) {
				problems.add(name + ": no name");
			}
			if (text(project, "description").isBlank()) {
				problems.add(name + ": no description");
			}
			for (String[] path : List.of(new String[] { "url" }, new String[] { "licenses", "license", "name" },
					new String[] { "licenses", "license", "url" }, new String[] { "developers", "developer", "name" },
					new String[] { "scm", "url" }, new String[] { "scm", "connection" },
					new String[] { "issueManagement", "url" })) {
				if (inherited(project, path).isBlank()) {
					problems.add(name + ": no " + String.join("/", path) + " (in it or its parents)");
				}
			}
			if (Files.readString(pom).contains("-SNAPSHOT<")) {
				problems.add(name + " names a SNAPSHOT version");
			}
		}
		assertThat(problems).isEmpty();
		assertThat(files((name) -> name.contains("SNAPSHOT"))).isEmpty();
	}

	@Test
	@Order(6)
	void everyJarNamesItsModule() throws Exception {
		Map<String, String> names = new TreeMap<>();
		for (Path jar : files((name) -> name.endsWith(this.releaseVersion + ".jar"))) {
			try (JarFile file = new JarFile(jar.toFile())) {
				String artifactId = jar.getFileName().toString().replace("-" + this.releaseVersion + ".jar", "");
				names.put(artifactId, file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
			}
		}
		assertThat(names).isEqualTo(new TreeMap<>(MODULE_NAMES));
	}

	@Test
	@Order(7)
	void projectGeneratedFromTheStagedArchetypeBuildsWithTheBundleAlone() throws Exception {
		Path repository = this.work.resolve("repository-generated");
		Path bin = mavenWrapper("bin-staged", "settings-staged.xml", repository);
		Path generated = this.work.resolve("generated");
		Files.createDirectories(generated);
		Command.Result generate = run("generate",
				Command.of(bin.resolve("mvn").toString(), "-B", "-ntp",
						"org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate",
						"-DarchetypeGroupId=dev.project51", "-DarchetypeArtifactId=project51-archetype",
						"-DarchetypeVersion=" + this.releaseVersion, "-DgroupId=org.acme", "-DartifactId=support-bot")
					.in(generated));
		this.timings.put("generate a project from the staged archetype", generate.took());
		assertThat(generate.output()).as("a release archetype has no snapshot to warn of")
			.doesNotContain("development snapshot");
		Path project = generated.resolve("support-bot");
		assertThat(project.resolve("pom.xml")).content()
			.contains("<project51.version>" + this.releaseVersion + "</project51.version>");

		Command.Result build = run("generated-verify",
				Command.of(bin.resolve("mvn").toString(), "-B", "-ntp", "verify", "-DskipTests")
					.in(project)
					.timeout(Duration.ofMinutes(15)));
		this.timings.put("build the generated project (mvn verify, tests skipped)", build.took());
		assertThat(build.output()).contains("BUILD SUCCESS");

		// Nothing of Project51 came from anywhere but the bundle.
		assertThat(this.cache.resolve("dev/project51")).doesNotExist();
		Map<String, String> origins = new TreeMap<>();
		try (Stream<Path> markers = Files.walk(repository.resolve("dev/project51"))) {
			for (Path marker : markers.filter((file) -> file.getFileName().toString().equals("_remote.repositories"))
				.toList()) {
				for (String line : Files.readAllLines(marker)) {
					if (!line.startsWith("#") && line.contains(">")) {
						origins.put(line.substring(0, line.indexOf('>')), line.substring(line.indexOf('>') + 1));
					}
				}
			}
		}
		assertThat(origins).containsKeys("project51-dependencies-" + this.releaseVersion + ".pom",
				"project51-parent-" + this.releaseVersion + ".pom",
				"project51-agent-spring-boot-starter-" + this.releaseVersion + ".jar",
				"project51-frontend-spring-boot-starter-" + this.releaseVersion + ".jar",
				"project51-k8s-templates-" + this.releaseVersion + ".jar",
				"project51-infra-cdktf-" + this.releaseVersion + ".jar",
				"project51-archetype-" + this.releaseVersion + ".jar");
		assertThat(origins.values()).as("where each dev.project51 file came from").containsOnly("staged=");
	}

	@Test
	@Order(8)
	void generatedCiChecksTheLibrariesAndFailsEarlyWithTheReadmeMessage() throws Exception {
		Path project = this.work.resolve("generated/support-bot");
		Assumptions.assumeTrue(Files.isDirectory(project), "the project is generated by the test before");
		JsonNode ci = new YAMLMapper().readTree(project.resolve(".github/workflows/main.yml").toFile());
		String check = step(ci.at("/jobs/test/steps"), "Check that the Project51 libraries resolve").at("/run")
			.asText();

		Path withBundle = mavenWrapper("bin-ci-staged", "settings-staged.xml",
				this.work.resolve("repository-ci-staged"));
		Command.Result resolves = run("ci-check-staged",
				Command.of("bash", "-euo", "pipefail", "-c", check)
					.in(project)
					.env("PATH", withBundle + ":" + System.getenv("PATH"))
					.env("RUNNER_TEMP", Files.createDirectories(this.work.resolve("runner-temp")).toString()));
		assertThat(resolves.output()).doesNotContain("::error");

		Path withoutBundle = mavenWrapper("bin-ci-cache", "settings-cache.xml",
				this.work.resolve("repository-ci-cache"));
		Command.Result fails = Command.of("bash", "-euo", "pipefail", "-c", check)
			.in(project)
			.env("PATH", withoutBundle + ":" + System.getenv("PATH"))
			.env("RUNNER_TEMP", this.work.resolve("runner-temp").toString())
			.log(this.work.resolve("logs/ci-check-missing.log"))
			.run();
		assertThat(fails.succeeded()).isFalse();
		assertThat(fails.output()).contains("::error title=Project51 " + this.releaseVersion + " cannot be resolved::");
		List<String> readme = Files.readAllLines(project.resolve("README.md")).subList(0, 12);
		String install = readme.stream().filter((line) -> line.startsWith("git clone")).findFirst().orElseThrow();
		assertThat(install).contains("--branch v" + this.releaseVersion + " ");
		assertThat(fails.output()).contains(install);
	}

	@Test
	@Order(9)
	void apiCheckComparesWithTheStagedBundleAndCatchesARemovedMethod() throws Exception {
		run("set-next-version", Command.of("bash", ".github/release/set-version.sh", this.nextVersion).in(this.source));
		Path repository = this.work.resolve("repository-api");
		Path bin = mavenWrapper("bin-api", "settings-staged.xml", repository);
		List<String> check = List.of(bin.resolve("mvn").toString(), "-B", "-ntp", "verify", "-DskipTests",
				"-Djapicmp.skip=false", "-Dproject51.api.baseline=" + this.releaseVersion,
				"-Dspring-javaformat.skip=true", "-am", "-pl",
				"core-agent-client,agent-starter,frontend-starter,k8s-templates,infra-cdktf");
		Command.Result compatible = run("api-compatible",
				Command.of(check).in(this.source).timeout(Duration.ofMinutes(10)));
		this.timings.put("API check of the five libraries against the bundle", compatible.took());
		assertThat(compatible.output()).doesNotContain("japicmp skipped");
		assertThat(Pattern.compile("japicmp-maven-plugin:[^ ]+:cmp \\(api-compatibility\\)")
			.matcher(compatible.output())
			.results()
			.count()).isEqualTo(5);

		Path chatRequest = this.source
			.resolve("core-agent-client/src/main/java/dev/project51/agent/contract/ChatRequest.java");
		String method = "public static ChatRequest of(String message) {";
		assertThat(chatRequest).content().contains(method);
		Files.writeString(chatRequest,
				Files.readString(chatRequest).replace(method, "public static ChatRequest ofMessage(String message) {"));
		List<String> clientOnly = new ArrayList<>(check.subList(0, check.size() - 1));
		clientOnly.set(clientOnly.indexOf("-DskipTests"), "-Dmaven.test.skip=true");
		clientOnly.add("core-agent-client");
		Path brokenLog = this.work.resolve("logs/api-broken.log");
		Command.Result broken = Command.of(clientOnly)
			.in(this.source)
			.timeout(Duration.ofMinutes(5))
			.log(brokenLog)
			.run();
		assertThat(broken.succeeded()).as("a removed public method fails the build, see %s", brokenLog).isFalse();
		assertThat(broken.output()).contains("METHOD_REMOVED").contains("ChatRequest");
	}

	private Command.Result run(String name, Command command) {
		Path log = this.work.resolve("logs/" + name + ".log");
		Command.Result result = command.log(log).run();
		assertThat(result.succeeded()).as("%s failed, see %s", name, log).isTrue();
		return result;
	}

	private static Command gpg(Path home, String... arguments) {
		List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--no-tty"));
		command.addAll(List.of(arguments));
		return Command.of(command).env("GNUPGHOME", home.toString());
	}

	/**
	 * A directory with an {@code mvn} that runs this build's Maven with the given
	 * settings and local repository, for commands written as {@code mvn ...} (the
	 * workflows'). It unsets {@code MAVEN_OPTS}: the nested builds get none of the outer
	 * build's JVM options (a {@code -Dmaven.repo.local}, a debugger).
	 */
	private Path mavenWrapper(String name, String settings, Path repository, String... extra) throws IOException {
		Path bin = this.work.resolve(name);
		Files.createDirectories(bin);
		Path mvn = bin.resolve("mvn");
		Files.writeString(mvn,
				"#!/bin/sh\nunset MAVEN_OPTS\nexec \"" + this.mavenHome.resolve("bin/mvn") + "\" \"$@\" -s \""
						+ this.work.resolve(settings) + "\" -Dmaven.repo.local=\"" + repository + "\" "
						+ String.join(" ", extra) + "\n");
		Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
		return bin;
	}

	private void writeSettings(String name, boolean withBundle) throws IOException {
		String staged = withBundle ? """
				  <profiles>
				    <profile>
				      <id>staged</id>
				      <repositories>
				        <repository>
				          <id>staged</id>
				          <url>%1$s</url>
				          <snapshots><enabled>false</enabled></snapshots>
				        </repository>
				      </repositories>
				      <pluginRepositories>
				        <pluginRepository>
				          <id>staged</id>
				          <url>%1$s</url>
				          <snapshots><enabled>false</enabled></snapshots>
				        </pluginRepository>
				      </pluginRepositories>
				    </profile>
				  </profiles>
				  <activeProfiles>
				    <activeProfile>staged</activeProfile>
				  </activeProfiles>
				""".formatted(this.staged.toUri()) : "";
		Files.writeString(this.work.resolve(name), """
				<settings>
				  <mirrors>
				    <mirror>
				      <id>central-cache</id>
				      <name>a copy of the local repository without dev/project51</name>
				      <mirrorOf>*,!staged</mirrorOf>
				      <url>%s</url>
				    </mirror>
				  </mirrors>
				%s</settings>
				""".formatted(this.cache.toUri(), staged));
	}

	private List<Path> files(java.util.function.Predicate<String> name) throws IOException {
		try (Stream<Path> files = Files.walk(this.staged)) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> name.test(file.getFileName().toString()))
				.sorted()
				.toList();
		}
	}

	/** A value of the POM or, when it has none, of its parents in the bundle. */
	private String inherited(Element project, String... path) throws Exception {
		String value = text(project, path);
		if (!value.isBlank()) {
			return value;
		}
		String parentArtifact = text(project, "parent", "artifactId");
		if (parentArtifact.isEmpty()) {
			return "";
		}
		String parentVersion = text(project, "parent", "version");
		Path parent = this.staged.resolve("dev/project51")
			.resolve(parentArtifact)
			.resolve(parentVersion)
			.resolve(parentArtifact + "-" + parentVersion + ".pom");
		return Files.isRegularFile(parent) ? inherited(parse(parent).getDocumentElement(), path) : "";
	}

	private static JsonNode step(JsonNode steps, String name) {
		for (JsonNode step : steps) {
			if (step.path("name").asText().equals(name)) {
				return step;
			}
		}
		throw new IllegalStateException("no step named '" + name + "' in " + steps);
	}

	private static String parentVersion(Path root) throws IOException {
		Matcher matcher = PARENT_VERSION.matcher(Files.readString(root.resolve("pom.xml")));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static String artifactId(Path pom) throws Exception {
		return text(parse(pom).getDocumentElement(), "artifactId");
	}

	private static Document parse(Path xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(xml.toFile());
	}

	/** The text of the first element at the path of direct children, or "". */
	private static String text(Element element, String... path) {
		Element current = element;
		for (String name : path) {
			Element next = null;
			for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element candidate && candidate.getTagName().equals(name)) {
					next = candidate;
					break;
				}
			}
			if (next == null) {
				return "";
			}
			current = next;
		}
		return current.getTextContent().trim();
	}

	private static List<Element> children(Element element, String container, String name) {
		List<Element> result = new ArrayList<>();
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element candidate && candidate.getTagName().equals(container)) {
				for (Node item = candidate.getFirstChild(); item != null; item = item.getNextSibling()) {
					if (item instanceof Element entry && entry.getTagName().equals(name)) {
						result.add(entry);
					}
				}
			}
		}
		return result;
	}

	private static String digest(String algorithm, byte[] content) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
	}

	private static void unzip(Path zip, Path target) throws IOException {
		try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				Path file = target.resolve(entry.getName()).normalize();
				if (!file.startsWith(target)) {
					throw new IllegalStateException("bundle entry outside the bundle: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(file);
				}
				else {
					Files.createDirectories(file.getParent());
					Files.copy(entries, file);
				}
			}
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (Files.exists(path)) {
			try (Stream<Path> walk = Files.walk(path)) {
				walk.sorted(Comparator.reverseOrder()).forEach((p) -> {
					try {
						Files.deleteIfExists(p);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
		}
	}

	private static String required(String property) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(
					"System property " + property + " is not set; run this test with 'mvn verify' (Failsafe sets it)");
		}
		return value;
	}

}
