package dev.project51.infra.host;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.infra.settings.HostSettings;
import dev.project51.infra.settings.PinnedVersions;
import dev.project51.testsupport.tools.Command;
import dev.project51.testsupport.tools.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BootstrapScript}, the host's cloud-init user data. Runs bash and
 * shellcheck on the rendered script and exercises its download function.
 */
class BootstrapScriptTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String CLUSTER_JSON = "{\n  \"resource\": {\n    \"kind_cluster\": {}\n  }\n}\n";

	private final String script = BootstrapScript.render(HostSettings.defaults(), CLUSTER_JSON);

	@Test
	void pinsKindKubectlAndTerraformWithTheirChecksums() {
		assertThat(this.script).contains("readonly KIND_VERSION='" + PinnedVersions.KIND + "'")
			.contains("readonly KIND_SHA256='eb244cbafcc157dff60cf68693c14c9a75c4e6e6fedaf9cd71c58117cb93e3fa'")
			.contains("readonly KUBECTL_VERSION='v1.35.0'")
			.contains("readonly KUBECTL_SHA256='a2e984a18a0c063279d692533031c1eff93a262afcc0afdc517375432d060989'")
			.contains("readonly TERRAFORM_VERSION='1.14.3'")
			.contains("readonly TERRAFORM_SHA256='178b2a602251bb68b94732aceca2cc1023d87597cb83dba92cab31b6689edb4d'")
			.contains("download \"https://github.com/kubernetes-sigs/kind/releases/download/${KIND_VERSION}/"
					+ "kind-linux-amd64\"")
			.contains("download \"https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl\" "
					+ "\"$KUBECTL_SHA256\"")
			.contains("download \"https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_"
					+ "${TERRAFORM_VERSION}_linux_amd64.zip\"");
	}

	@Test
	void installsDockerFromItsSignedRepositoryAfterCheckingTheKeyFingerprint() {
		assertThat(this.script)
			.contains("readonly DOCKER_KEY_FINGERPRINT='9DC8 5822 9FC7 DD38 854A E2D8 8D81 803C 0EBF CD88'")
			.contains("gpg --show-keys --with-colons")
			.contains("if [[ \"$fingerprint\" != \"${DOCKER_KEY_FINGERPRINT// /}\" ]]; then")
			.contains("signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu")
			.contains("apt_get install -y docker-ce docker-ce-cli containerd.io docker-buildx-plugin")
			.contains("usermod -aG docker \"$APP_USER\"")
			.contains("readonly APP_USER=ubuntu");
	}

	@Test
	void clonesTheConfiguredRepositoryAndBranchAsTheUbuntuUser() {
		String custom = BootstrapScript.render(HostSettings.builder()
			.repositoryUrl("https://git.example.com/team/shop.git")
			.repositoryBranch("release/1.0")
			.checkoutDirectory("/srv/shop")
			.build(), null);
		assertThat(custom).contains("readonly REPOSITORY_URL='https://git.example.com/team/shop.git'")
			.contains("readonly REPOSITORY_BRANCH='release/1.0'")
			.contains("readonly CHECKOUT_DIRECTORY='/srv/shop'")
			.contains(
					"sudo -u \"$APP_USER\" -H -- git clone --quiet --branch \"$REPOSITORY_BRANCH\" --single-branch -- "
							+ "\\\n\t\t\"$REPOSITORY_URL\"");
	}

	@Test
	void embedsTheClusterStackAndAppliesItAsTheUbuntuUser() {
		assertThat(this.script)
			.contains("cat >\"$stack_directory/cdk.tf.json\" <<'PROJECT51_CLUSTER_STACK'\n" + CLUSTER_JSON
					+ "PROJECT51_CLUSTER_STACK\n")
			.contains("readonly INFRA_DIRECTORY='/var/lib/project51/infra'")
			.contains("terraform -chdir=\"$stack_directory\" init -input=false")
			.contains("terraform -chdir=\"$stack_directory\" apply -input=false -auto-approve")
			.doesNotContain("#@cluster");
	}

	@Test
	void leavesTheClusterToAnOperatorWhenNoStackIsGiven() {
		String withoutCluster = BootstrapScript.render(HostSettings.defaults(), null);
		assertThat(withoutCluster).doesNotContain("PROJECT51_CLUSTER_STACK")
			.doesNotContain("terraform -chdir")
			.doesNotContain("#@cluster")
			.contains("install -m 0755 \"$workdir/terraform\" /usr/local/bin/terraform");
	}

	@Test
	void leavesNoPlaceholderAndHoldsNoSecrets() {
		assertThat(this.script).doesNotContain("@@")
			.doesNotContainPattern("AKIA[0-9A-Z]{16}")
			.doesNotContainIgnoringCase("secret_access_key")
			.doesNotContainIgnoringCase("password")
			.doesNotContain("PRIVATE KEY")
			.doesNotContainPattern("gh[pousr]_[A-Za-z0-9]{20,}");
	}

	@Test
	void refusesUserDataBeyondTheEc2Limit() {
		String hugeCluster = "{\"x\": \"" + "a".repeat(BootstrapScript.MAX_USER_DATA_BYTES) + "\"}";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BootstrapScript.render(HostSettings.defaults(), hugeCluster))
			.withMessageStartingWith("the host's user data is ")
			.withMessageEndingWith(
					"bytes EC2 accepts; shorten the cluster settings or set createClusterOnBoot to false "
							+ "and apply the cluster stack on the host yourself");
	}

	@Test
	void isValidBash() throws Exception {
		Command.Result result = Command.of("bash", "-n", "-c", this.script).timeout(TIMEOUT).run();
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void passesShellcheck(@TempDir Path directory) throws Exception {
		Path shellcheck = RequiredTool.onPath("shellcheck", "apt-get install shellcheck");
		Path file = directory.resolve("bootstrap.sh");
		Files.writeString(file, this.script);
		Command.Result result = Command.of(shellcheck.toString(), "--shell=bash", "--severity=style", file.toString())
			.timeout(TIMEOUT)
			.run();
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "it's", "$(reboot)", "`id`", "a b\tc", "'\"'", "back\\slash" })
	void quotingKeepsAnyValueLiteral(String value) throws Exception {
		Command.Result result = Command
			.of("bash", "-c", "value=" + BootstrapScript.quote(value) + "; printf %s \"$value\"")
			.timeout(TIMEOUT)
			.run();
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).isEqualTo(value);
	}

	@Test
	void downloadKeepsAFileWithTheExpectedChecksumOverHttpsOnly(@TempDir Path directory) throws Exception {
		Command.Result result = runDownload(directory, sha256("payload"));
		assertThat(result.output()).isEqualTo("ok present payload\n");
		assertThat(Files.readString(directory.resolve("curl-args")))
			.contains("--proto =https --tlsv1.2 --output " + directory.resolve("file") + " https://example.invalid/x");
	}

	@Test
	void downloadDeletesAFileWhoseChecksumDiffersAndFails(@TempDir Path directory) throws Exception {
		Command.Result result = runDownload(directory, sha256("something else"));
		assertThat(result.output()).endsWith("refused absent\n")
			.contains("checksum mismatch for https://example.invalid/x: expected " + sha256("something else"));
	}

	private Command.Result runDownload(Path directory, String expectedSha256) {
		StringBuilder harness = new StringBuilder();
		harness.append("set -Eeuo pipefail\n");
		harness.append("sleep() { :; }\n");
		harness.append("curl() { printf '%s ' \"$@\" > \"$DIR/curl-args\"; local out=''; while (($#)); do ")
			.append("if [[ $1 == --output ]]; then out=$2; shift; fi; shift; done; printf payload > \"$out\"; }\n");
		harness.append(functions("log", "retry", "download"));
		harness.append("if download https://example.invalid/x \"$SHA\" \"$DIR/file\"; then r=ok; else r=refused; fi\n");
		harness.append("if [[ -e $DIR/file ]]; then echo \"$r present $(cat \"$DIR/file\")\"; ")
			.append("else echo \"$r absent\"; fi\n");
		return Command.of("bash", "-c", harness.toString())
			.env("DIR", directory.toString())
			.env("SHA", expectedSha256)
			.timeout(TIMEOUT)
			.run();
	}

	private String functions(String... names) {
		StringBuilder definitions = new StringBuilder();
		for (String name : names) {
			Matcher matcher = Pattern.compile("(?ms)^" + name + "\\(\\) \\{\\n.*?^\\}\\n").matcher(this.script);
			assertThat(matcher.find()).as("function %s in the script", name).isTrue();
			definitions.append(matcher.group());
		}
		return definitions.toString();
	}

	private static String sha256(String text) throws NoSuchAlgorithmException {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
