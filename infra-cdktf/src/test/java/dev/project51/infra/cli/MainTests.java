package dev.project51.infra.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import dev.project51.infra.settings.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Main}.
 */
class MainTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void helpListsEverySettingAndHowToApply() {
		int status = run(Map.of(), "--region=eu-central-1", "--help");
		assertThat(status).isEqualTo(Main.OK);
		String help = stdout();
		assertThat(help).startsWith("Usage: project51-infra [--out=<dir>] [--<setting>=<value>...]")
			.contains("env PROJECT51_OUT_DIR (or CDKTF_OUTDIR, set by the CDKTF CLI), default cdktf.out")
			.contains("terraform -chdir=<out>/stacks/host init");
		SettingsLoader.settings()
			.forEach((setting) -> assertThat(help).contains(setting.option()).contains(setting.environmentVariable()));
		assertThat(stderr()).isEmpty();
	}

	@Test
	void helpShowsAProjectsOwnDefaultsAndTheEnvironmentStillOverridesThem(@TempDir Path directory) {
		Map<String, String> project = Map.of("PROJECT51_AWS_REGION", "eu-central-1", "PROJECT51_NAME", "support-bot");
		assertThat(Main.run(new String[] { "--help" }, project, Map.of(),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8)))
			.isEqualTo(Main.OK);
		assertThat(stdout()).contains("env PROJECT51_AWS_REGION, default eu-central-1 (this project)")
			.contains("env PROJECT51_NAME, default support-bot (this project)")
			.contains("env PROJECT51_INSTANCE_TYPE, default t2.medium\n");
		this.out.reset();
		assertThat(Main.run(new String[] { "--out=" + directory }, project,
				Map.of("PROJECT51_AWS_REGION", "eu-west-1", "PROJECT51_NAME", " "),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8)))
			.as(stderr())
			.isEqualTo(Main.OK);
		assertThat(directory.resolve("stacks/host/cdk.tf.json")).content()
			.contains("\"region\": \"eu-west-1\"")
			.contains("support-bot");
	}

	@Test
	void invalidSettingsExitWithUsageStatusAndListEveryProblem() {
		int status = run(Map.of("PROJECT51_SSH_CIDRS", "0.0.0.0/0"), "--region", "mars");
		assertThat(status).isEqualTo(Main.USAGE);
		assertThat(stdout()).isEmpty();
		assertThat(stderr()).startsWith("error: invalid settings:\n")
			.contains("  - region must be an AWS region code")
			.contains("  - sshCidrs entry '0.0.0.0/0' would open SSH to the whole internet")
			.contains("  - keyName must name an EC2 key pair when SSH is enabled")
			.endsWith("Run with --help to list every setting with its environment variable and default.\n");
	}

	@Test
	void outputDirectoryOptionNeedsAValue() {
		assertThat(run(Map.of(), "--out")).isEqualTo(Main.USAGE);
		assertThat(stderr()).isEqualTo("""
				error: option --out needs a directory, for example --out=cdktf.out
				Run with --help to list every setting with its environment variable and default.
				""");
	}

	@Test
	void aSettingWithoutItsValueSaysHowToGiveIt() {
		assertThat(run(Map.of(), "--region", "--app-port=80")).isEqualTo(Main.USAGE);
		assertThat(stderr()).startsWith("error: option --region needs a value, for example --region=eu-central-1\n")
			.endsWith("Run with --help to list every setting with its environment variable and default.\n");
		assertThat(stdout()).isEmpty();
	}

	@Test
	void unknownOptionsAndArgumentsExitWithUsageStatusAndAHint() {
		assertThat(run(Map.of(), "--regoin=eu-central-1")).isEqualTo(Main.USAGE);
		assertThat(stderr()).isEqualTo("""
				error: unknown option '--regoin'; did you mean --region?
				Run with --help to list every setting with its environment variable and default.
				""");
		this.err.reset();
		assertThat(run(Map.of(), "eu-central-1")).isEqualTo(Main.USAGE);
		assertThat(stderr())
			.startsWith("error: unexpected argument 'eu-central-1'; options look like --region=eu-central-1\n");
		assertThat(stdout()).isEmpty();
	}

	@Test
	void anInvalidSettingNamesItsOption() {
		assertThat(run(Map.of(), "--app-port", "eighty", "--allow-ssh-from-anywhere=maybe")).isEqualTo(Main.USAGE);
		assertThat(stderr()).contains("  - --app-port must be a whole number, but was 'eighty'\n")
			.contains("  - --allow-ssh-from-anywhere must be true or false, but was 'maybe'\n");
	}

	@Test
	void settingProblemsNameTheirSource() {
		int status = run(Map.of("PROJECT51_SSH_CIDRS", "0.0.0.0/0", "PROJECT51_KEY_NAME", "ops"), "--region=mars");
		assertThat(status).isEqualTo(Main.USAGE);
		assertThat(stderr()).contains(
				"  - region must be an AWS region code such as us-east-1 or eu-central-1, but was 'mars' (from --region)\n")
			.contains("or set allowSshFromAnywhere if you really mean it (from PROJECT51_SSH_CIDRS)\n");
	}

	@Test
	void synthesizesBothStacksIntoTheOutputDirectoryAndExplainsTheNextSteps(@TempDir Path directory) {
		Path ignored = directory.resolve("from-cdktf-cli");
		Path out = directory.resolve("out");
		int status = run(Map.of("CDKTF_OUTDIR", ignored.toString(), "PROJECT51_AWS_REGION", "eu-central-1"), "--out",
				out.toString());
		assertThat(status).as(stderr()).isEqualTo(Main.OK);
		assertThat(out.resolve("stacks/host/cdk.tf.json")).isRegularFile()
			.content()
			.contains("\"region\": \"eu-central-1\"");
		assertThat(out.resolve("stacks/cluster/cdk.tf.json")).isRegularFile();
		assertThat(ignored).as("--out wins over CDKTF_OUTDIR").doesNotExist();
		assertThat(stdout()).contains("Synthesized the host stack:    " + out.toAbsolutePath().resolve("stacks/host"))
			.contains("  terraform -chdir=" + out.toAbsolutePath().resolve("stacks/host") + " init\n")
			.contains("  terraform -chdir=" + out.toAbsolutePath().resolve("stacks/host") + " apply\n")
			.contains("The host creates the kind cluster itself at first boot");
	}

	private int run(Map<String, String> env, String... args) {
		return Main.run(args, env, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
