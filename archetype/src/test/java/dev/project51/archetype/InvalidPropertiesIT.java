package dev.project51.archetype;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch mode skips the descriptor's validation, so the post-generate script validates
 * every property: bad values fail generation with messages naming each property and its
 * fix, all at once, never echoing a credential, and leave nothing behind. A folder that
 * was not empty is refused, and left as it was.
 */
class InvalidPropertiesIT {

	private final Path workdir = Path.of(System.getProperty("project51.workdir", "target/it"));

	@Test
	void everyInvalidPropertyIsReportedInOneRunAndNothingIsLeftBehind() throws Exception {
		Map<String, String> invalid = Maven.properties("artifactId", "Support_Bot", "package", "com.acme.new",
				"aiProvider", "mistral", "sshCidr", "10.0.0.300/32", "awsRegion", "moon-1", "dockerHubUser", "Bad_User",
				"gitRepository", "git@example.com:acme/bot.git");

		Maven.Result result = generate("invalid-all", invalid);

		assertThat(result.output()).contains("invalid properties, nothing was generated");
		invalid.forEach((property, value) -> assertThat(result.output()).contains(property + "='" + value + "'"));
		assertThat(result.output()).contains("use 2 to 40 lowercase letters")
			.contains("Java identifiers that are not keywords")
			.contains("use one of openai, anthropic, gemini, openai-compatible, local")
			.contains("an IPv4 CIDR such as 203.0.113.7/32")
			.contains("an AWS region code such as us-east-1")
			.contains("4 to 30 lowercase letters or digits")
			.contains("the HTTPS clone URL of your repository");
		assertThat(Files.exists(this.workdir.resolve("invalid-all").resolve("Support_Bot")))
			.as("half-generated project removed")
			.isFalse();
	}

	@Test
	void sshFromTheWholeInternetIsRefused() throws Exception {
		Maven.Result result = generate("invalid-ssh", Map.of("artifactId", "open-ssh", "sshCidr", "0.0.0.0/0"));

		assertThat(result.output()).contains("sshCidr='0.0.0.0/0'")
			.contains("SSH from the whole internet is refused")
			.contains("'none' to reach the host through AWS SSM Session Manager")
			.contains("sshKeyName='none'")
			.contains("needs the name of an existing EC2 key pair");
		assertThat(Files.exists(this.workdir.resolve("invalid-ssh").resolve("open-ssh"))).isFalse();
	}

	@Test
	void credentialsAreNeverEchoedAndOnlyTheCommercialAwsPartitionIsAccepted() throws Exception {
		Map<String, String> invalid = Maven.properties("artifactId", "leaky-bot", "gitRepository",
				"https://bot:ghp_s3cr3tT0ken@github.com/acme/bot.git", "awsRegion", "us-gov-west-1", "renderRegion",
				"mars");
		Maven.Result result = generate("invalid-secrets", invalid);

		// (The plugin itself lists every -D value at INFO level before generating; no
		// error message repeats it.)
		assertThat(result.output().lines().filter((line) -> !line.startsWith("[INFO] Parameter: gitRepository")))
			.noneMatch((line) -> line.contains("ghp_s3cr3tT0ken"));
		assertThat(result.output()).contains("gitRepository='https://***@github.com/acme/bot.git'")
			.contains("use the repository's URL without credentials")
			.contains("awsRegion='us-gov-west-1'")
			.contains("a region of AWS's commercial partition")
			.contains("renderRegion='mars'")
			.contains("use one of oregon, ohio, virginia, frankfurt, singapore");
		assertThat(Files.exists(this.workdir.resolve("invalid-secrets").resolve("leaky-bot"))).isFalse();
	}

	@Test
	void aFolderThatIsNotEmptyIsRefusedAndLeftAsItWas() throws Exception {
		Path directory = this.workdir.resolve("not-empty");
		ReferenceDeploymentIT.deleteRecursively(directory);
		Path project = Files.createDirectories(directory.resolve("support-bot"));
		Files.writeString(project.resolve("README.md"), "# My notes\n");
		Files.createDirectories(project.resolve(".git"));
		Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/main\n");
		FileTime earlier = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
		for (Path path : List.of(project.resolve("README.md"), project.resolve(".git/HEAD"), project.resolve(".git"),
				project)) {
			Files.setLastModifiedTime(path, earlier);
		}

		Maven.Result result = new Maven(this.workdir).generate(directory, Map.of("artifactId", "support-bot"),
				"not-empty");

		assertThat(result.exitCode()).as("exit code, see %s", result.log()).isNotZero();
		assertThat(result.output()).contains("was not empty (it holds .git, README.md)")
			.contains("generate into a new folder");
		assertThat(new ProjectTree(project).files().keySet()).as("what is left in the folder")
			.containsExactly("README.md");
		assertThat(project.resolve("README.md")).content().isEqualTo("# My notes\n");
		assertThat(project.resolve(".git/HEAD")).content().isEqualTo("ref: refs/heads/main\n");
		try (var entries = Files.list(project)) {
			assertThat(entries.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("README.md",
					".git");
		}
	}

	private Maven.Result generate(String name, Map<String, String> properties) throws Exception {
		Path directory = this.workdir.resolve(name);
		ReferenceDeploymentIT.deleteRecursively(directory);
		Maven.Result result = new Maven(this.workdir).generate(directory, properties, name);
		assertThat(result.exitCode()).as("exit code, see %s", result.log()).isNotZero();
		return result;
	}

}
