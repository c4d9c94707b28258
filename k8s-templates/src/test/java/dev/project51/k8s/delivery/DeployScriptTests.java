package dev.project51.k8s.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.project51.testsupport.tools.Command;
import dev.project51.testsupport.tools.RequiredTool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the rendered {@code deploy.sh} with fake {@code kubectl}, {@code git} and
 * {@code curl} on the PATH that record their calls and simulate a cluster; the lock is
 * the real {@code flock}. Also runs shellcheck on it.
 */
class DeployScriptTests {

	private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

	private static final String IMAGE = "docker.io/project51/project51-frontend:" + SHA;

	/** The image of a version deployed before this run. */
	private static final String PREVIOUS = "docker.io/project51/project51-frontend:" + "f".repeat(40);

	@TempDir
	Path root;

	private Path project;

	private Path fakeBin;

	private Path state;

	private Path log;

	private Path lock;

	@BeforeEach
	void renderProjectAndFakes() throws IOException {
		this.project = this.root.resolve("project");
		DeliveryFiles.render(DeliverySettings.defaults(), this.project);
		this.fakeBin = Files.createDirectories(this.root.resolve("bin"));
		for (String command : List.of("kubectl", "git", "curl")) {
			try (InputStream in = getClass().getResourceAsStream("/fakebin/" + command)) {
				Path target = this.fakeBin.resolve(command);
				Files.copy(in, target);
				Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		}
		this.state = Files.createDirectories(this.root.resolve("state"));
		this.log = this.root.resolve("calls.log");
		Files.writeString(this.log, "");
		this.lock = this.root.resolve("deploy.lock");
	}

	@Test
	void passesShellcheck() throws Exception {
		Path shellcheck = RequiredTool.onPath("shellcheck", "apt-get install shellcheck");
		for (DeliverySettings settings : List.of(DeliverySettings.defaults(),
				DeliverySettings.builder().agentInCluster(true).build())) {
			Path dir = Files.createTempDirectory(this.root, "shellcheck");
			DeliveryFiles.render(settings, dir);
			Command.Result result = run(
					List.of(shellcheck.toString(), "--severity=style", dir.resolve("deploy.sh").toString()), Map.of());
			assertThat(result.exitCode()).as(result.output()).isZero();
		}
	}

	@Test
	void firstDeployAppliesTheShaImageWaitsForTheRolloutAndSmokeChecks() throws Exception {
		Command.Result result = deploy(Map.of("AGENT_API_TOKEN", "s3cr3t-token"));
		assertThat(result.exitCode()).as(result.output()).isZero();
		List<String> calls = calls();
		assertThat(calls).containsSubsequence("git pull --ff-only --quiet origin main", "git rev-parse HEAD",
				"kubectl --context kind-project51 --namespace project51 apply -f k8s/00-namespace.yaml "
						+ "-f k8s/00-image-policy.yaml -f k8s/00-image-policy-binding.yaml",
				"kubectl --context kind-project51 --namespace project51 apply --dry-run=server "
						+ "-f k8s/frontend-deployment.yaml",
				"kubectl --context kind-project51 --namespace project51 apply -f -",
				"kubectl --context kind-project51 --namespace project51 rollout status deployment/frontend --timeout=600s",
				"curl --fail --silent --show-error --max-time 5 --output /dev/null http://127.0.0.1:8080/actuator/health/readiness",
				"curl --fail --silent --show-error --max-time 5 --output /dev/null http://127.0.0.1:8080/");
		assertThat(calls).anyMatch((call) -> call.startsWith("kubectl set image --local -f ")
				&& call.endsWith("frontend-deployment.yaml frontend=" + IMAGE + " -o yaml"));
		assertThat(calls)
			.filteredOn((call) -> call.startsWith("kubectl") && !call.startsWith("kubectl set image --local"))
			.allMatch((call) -> call.startsWith("kubectl --context kind-project51 --namespace project51 "));
		assertThat(calls).noneMatch((call) -> call.contains("rollout undo"));
		assertThat(calls).noneMatch((call) -> call.contains("s3cr3t-token"));
		assertThat(Files.readString(this.state.resolve("template-frontend"))).isEqualTo("image=" + IMAGE);
		assertThat(Files.readString(this.state.resolve("secret-agent-api-token"))).doesNotContain("s3cr3t-token")
			.contains("QUdFTlRfQVBJX1RPS0VOPXMzY3IzdC10b2tlbgo=");
		assertThat(result.output()).contains("commit " + SHA)
			.contains("rolling out: frontend")
			.contains("smoke check passed")
			.contains("deployed " + SHA);
		assertThat(result.output().lines().filter((line) -> line.matches(".* deploy: \\[\\d/7\\] .*\\(after \\d+s\\)")))
			.as("each step announced as it starts")
			.hasSize(6);
	}

	@Test
	void dryRunRefusedForAnotherReasonThanThePlaceholderStopsBeforeAnythingIsApplied() throws Exception {
		writeState("policy-not-enforced", "");
		Command.Result result = deploy(Map.of("AGENT_API_TOKEN", "token", "FAKE_DRY_RUN_FAILS", "quota exceeded"));
		assertThat(calls()).noneMatch((call) -> call.contains("apply -f /"));
		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains("was refused for another reason than its placeholder tag");
	}

	@Test
	void forceReappliesARolledBackCommitAndClearsItsMark() throws Exception {
		previouslyDeployed(PREVIOUS);
		writeState("rolled-back-commit", SHA);
		Command.Result refused = failingDeploy(Map.of("AGENT_API_TOKEN", "token"));
		assertThat(refused.output()).contains("retry this commit: " + this.project.resolve("deploy.sh") + " --force");

		Files.writeString(this.log, "");
		Command.Result forced = deploy(Map.of("AGENT_API_TOKEN", "token"), "--force");
		assertThat(forced.exitCode()).as(forced.output()).isZero();
		assertThat(forced.output())
			.contains("--force: deploying commit " + SHA + " although an earlier run rolled it back")
			.contains("deployed " + SHA);
		assertThat(calls()).contains("kubectl --context kind-project51 --namespace project51 annotate namespace "
				+ "project51 project51.dev/rolled-back-commit-");
		assertThat(this.state.resolve("rolled-back-commit")).doesNotExist();
	}

	@Test
	void lockAndEnvironmentFileLiveInTheUsersPrivateFolders() throws Exception {
		Path config = Files.createDirectories(this.root.resolve(".config/project51"));
		Files.writeString(config.resolve("deploy.env"), "AGENT_API_TOKEN=from-the-env-file\n");
		Files.setPosixFilePermissions(config.resolve("deploy.env"), PosixFilePermissions.fromString("rw-------"));
		Map<String, String> env = new java.util.HashMap<>(Map.of("FAKE_LOG", this.log.toString(), "FAKE_STATE",
				this.state.toString(), "FAKE_GIT_SHA", SHA, "SMOKE_ATTEMPTS", "1", "SMOKE_INTERVAL", "0"));
		Command.Result result = run(List.of("bash", this.project.resolve("deploy.sh").toString()), env);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("taking the lock " + this.root.resolve(".cache/project51/deploy.lock"));
		assertThat(Files.getPosixFilePermissions(this.root.resolve(".cache/project51")))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(Files.readString(this.state.resolve("secret-agent-api-token")))
			.contains("QUdFTlRfQVBJX1RPS0VOPWZyb20tdGhlLWVudi1maWxlCg==");

		Files.setPosixFilePermissions(config.resolve("deploy.env"), PosixFilePermissions.fromString("rw-rw-rw-"));
		Command.Result unsafe = run(List.of("bash", this.project.resolve("deploy.sh").toString()), env);
		assertThat(unsafe.exitCode()).isEqualTo(2);
		assertThat(unsafe.output()).contains("deploy.env is writable by others; make it private first: chmod 600");
	}

	@Test
	void failedRolloutIsUndoneAndExitsNonZero() throws Exception {
		previouslyDeployed(PREVIOUS);
		writeState("rollout-status", "1\n0\n");
		Command.Result result = failingDeploy(Map.of("AGENT_API_TOKEN", "token"));
		assertThat(calls()).containsSubsequence(
				"kubectl --context kind-project51 --namespace project51 rollout status deployment/frontend --timeout=600s",
				"kubectl --context kind-project51 --namespace project51 rollout undo deployment/frontend",
				"kubectl --context kind-project51 --namespace project51 rollout status deployment/frontend --timeout=600s");
		assertThat(calls()).noneMatch((call) -> call.startsWith("curl"));
		assertThat(result.output()).contains("did not become ready within 600s")
			.contains("rolled back to the previous version");
	}

	@Test
	void failedSmokeCheckIsUndoneAndExitsNonZero() throws Exception {
		previouslyDeployed(PREVIOUS);
		Command.Result result = failingDeploy(Map.of("AGENT_API_TOKEN", "token", "FAKE_CURL_EXIT", "22"));
		List<String> calls = calls();
		assertThat(calls.stream().filter((call) -> call.startsWith("curl"))).hasSize(2);
		assertThat(calls).containsSubsequence(
				"curl --fail --silent --show-error --max-time 5 --output /dev/null "
						+ "http://127.0.0.1:8080/actuator/health/readiness",
				"kubectl --context kind-project51 --namespace project51 rollout undo deployment/frontend");
		assertThat(result.output()).contains("smoke check failed").contains("did not answer 2xx after 2 attempts");
	}

	@Test
	void unchangedCommitIsNotRolledBackWhenTheSmokeCheckFails() throws Exception {
		previouslyDeployed(IMAGE);
		Command.Result result = failingDeploy(Map.of("FAKE_CURL_EXIT", "7"));
		assertThat(calls()).noneMatch((call) -> call.contains("rollout undo"))
			.anyMatch((call) -> call.endsWith("get secret agent-api-token -o name"));
		assertThat(result.output()).contains("no Deployment changed")
			.contains("this run changed no Deployment, so there is nothing to roll back");
	}

	@Test
	void partlyFailedApplyIsUndoneAndExitsNonZero() throws Exception {
		previouslyDeployed(PREVIOUS);
		writeState("apply-fails", "");
		Command.Result result = failingDeploy(Map.of("AGENT_API_TOKEN", "token"));
		assertThat(calls()).containsSubsequence(
				"kubectl --context kind-project51 --namespace project51 rollout undo deployment/frontend",
				"kubectl --context kind-project51 --namespace project51 annotate --overwrite namespace project51 "
						+ "project51.dev/rolled-back-commit=" + SHA);
		assertThat(calls()).noneMatch((call) -> call.startsWith("curl"))
			.noneMatch((call) -> call.contains("rollout restart"));
		assertThat(result.output()).contains("kubectl apply failed").contains("rolled back to the previous version");
	}

	@Test
	void rolledBackCommitIsNotAppliedAgain() throws Exception {
		previouslyDeployed(PREVIOUS);
		writeState("rollout-status", "1\n0\n");
		Command.Result first = failingDeploy(Map.of("AGENT_API_TOKEN", "token"));
		assertThat(Files.readString(this.state.resolve("rolled-back-commit"))).isEqualTo(SHA);
		Files.writeString(this.log, "");

		Command.Result again = failingDeploy(Map.of("AGENT_API_TOKEN", "token"));
		assertThat(again.output()).contains("commit " + SHA + " was rolled back by an earlier run").contains("--force");
		assertThat(calls()).noneMatch((call) -> call.contains("apply -f /"))
			.noneMatch((call) -> call.contains("rollout"));
	}

	@Test
	void rolloutThatWaitsForAnImageNotPushedYetIsUndoneButRetriedByTheNextRun() throws Exception {
		previouslyDeployed(PREVIOUS);
		writeState("rollout-status", "1\n0\n");
		writeState("pods", PREVIOUS + "\t\n" + IMAGE + "\tImagePullBackOff\n" + IMAGE + "\tErrImagePull\n");
		Command.Result first = failingDeploy(Map.of("AGENT_API_TOKEN", "token"));
		assertThat(calls()).containsSubsequence(
				"kubectl --context kind-project51 --namespace project51 rollout status deployment/frontend --timeout=600s",
				"kubectl --context kind-project51 --namespace project51 get pods -o jsonpath={range .items[*]}"
						+ "{range .status.containerStatuses[*]}{.image}{\"\\t\"}{.state.waiting.reason}{\"\\n\"}{end}{end}",
				"kubectl --context kind-project51 --namespace project51 rollout undo deployment/frontend")
			.noneMatch((call) -> call.contains("annotate"));
		assertThat(this.state.resolve("rolled-back-commit")).doesNotExist();
		assertThat(first.output()).contains("did not become ready within 600s")
			.contains("rolled back to the previous version")
			.contains("The image " + IMAGE + " is not in the registry yet")
			.contains("commit " + SHA + " is not marked as rolled back, so the next run retries it");

		Files.writeString(this.log, "");
		Files.delete(this.state.resolve("pods"));
		Command.Result retry = deploy(Map.of("AGENT_API_TOKEN", "token"));
		assertThat(retry.exitCode()).as(retry.output()).isZero();
		assertThat(calls()).anyMatch(
				(call) -> call.startsWith("kubectl --context kind-project51 --namespace project51 " + "apply -f /"));
		assertThat(retry.output()).contains("deployed " + SHA);
	}

	@Test
	void rolloutThatWaitsForAnImageThatCannotHealIsMarkedAsRolledBack() throws Exception {
		previouslyDeployed(PREVIOUS);
		writeState("rollout-status", "1\n0\n");
		writeState("pods", IMAGE + "\tInvalidImageName\n" + "docker.io/project51/sidecar:typo\tImagePullBackOff\n"
				+ IMAGE + "\tErrImageNeverPull\n");
		Command.Result result = failingDeploy(Map.of("AGENT_API_TOKEN", "token"));
		assertThat(Files.readString(this.state.resolve("rolled-back-commit"))).isEqualTo(SHA);
		assertThat(result.output()).contains("rolled back to the previous version")
			.doesNotContain("not in the registry yet");
	}

	@Test
	void changedSecretRestartsAnUnchangedDeployment() throws Exception {
		previouslyDeployed(IMAGE);
		Command.Result result = deploy(Map.of("AGENT_API_TOKEN", "rotated"));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(calls())
			.contains("kubectl --context kind-project51 --namespace project51 rollout restart deployment/frontend");
		assertThat(result.output()).contains("rolling out: frontend");
	}

	@Test
	void concurrentRunIsRefused() throws Exception {
		Process holder = new ProcessBuilder("flock", this.lock.toString(), "sleep", "30").start();
		try {
			waitUntilLocked();
			Command.Result result = deploy(Map.of("AGENT_API_TOKEN", "token"));
			assertThat(result.exitCode()).as(result.output()).isEqualTo(75);
			assertThat(result.output()).contains("another deploy is running");
			assertThat(calls()).isEmpty();
		}
		finally {
			holder.destroy();
			holder.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void missingTokenWithoutSecretFailsWithAClearMessage() throws Exception {
		Command.Result result = deploy(Map.of());
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output())
			.contains("AGENT_API_TOKEN is not set and the Secret agent-api-token does not exist");
		assertThat(calls()).noneMatch((call) -> call.contains("rollout"));
	}

	@Test
	void refusedFastForwardStopsBeforeTouchingTheCluster() throws Exception {
		Command.Result result = deploy(Map.of("AGENT_API_TOKEN", "token", "FAKE_GIT_PULL_EXIT", "1"));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("cannot fast-forward");
		assertThat(calls()).noneMatch((call) -> call.startsWith("kubectl"));
	}

	@Test
	void helpAndBadArguments() throws Exception {
		Command.Result help = run(List.of("bash", this.project.resolve("deploy.sh").toString(), "--help"), Map.of());
		assertThat(help.exitCode()).isZero();
		assertThat(help.output()).contains("Usage: ./deploy.sh [--force] [--help]")
			.contains("*/5 * * * * /opt/project51/deploy.sh >>\"$HOME/.local/state/project51/deploy.log\" 2>&1")
			.contains("Exit codes:");
		Command.Result bad = run(List.of("bash", this.project.resolve("deploy.sh").toString(), "--forse"), Map.of());
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.output()).contains("unknown argument: --forse");
	}

	@Test
	void scriptDocumentsCronAndSystemdTimer() throws IOException {
		String script = Files.readString(this.project.resolve("deploy.sh"));
		assertThat(script).startsWith("#!/usr/bin/env bash\n")
			.contains("set -euo pipefail")
			.contains("flock -n 9")
			.contains("git pull --ff-only")
			.contains("--timeout=\"$ROLLOUT_TIMEOUT\"")
			.contains("rollout undo")
			.contains("export PATH=")
			.contains("OnUnitInactiveSec=5min")
			.contains("ExecStart=/opt/project51/deploy.sh")
			.doesNotContain("\r");
		assertThat(Files.isExecutable(this.project.resolve("deploy.sh"))).isTrue();
	}

	private void previouslyDeployed(String image) throws IOException {
		writeState("template-frontend", "image=" + image);
		writeState("secret-agent-api-token", "old");
	}

	private void waitUntilLocked() throws Exception {
		await("the lock holder to take the lock").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> run(List.of("flock", "-n", this.lock.toString(), "true"), Map.of()).exitCode() != 0);
	}

	private void writeState(String name, String content) throws IOException {
		Files.writeString(this.state.resolve(name), content);
	}

	/** Runs deploy.sh and checks that it fails (exit code 1). */
	private Command.Result failingDeploy(Map<String, String> extraEnv, String... arguments) throws Exception {
		Command.Result result = deploy(extraEnv, arguments);
		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		return result;
	}

	private Command.Result deploy(Map<String, String> extraEnv, String... arguments) throws Exception {
		Map<String, String> env = new java.util.HashMap<>(Map.of("FAKE_LOG", this.log.toString(), "FAKE_STATE",
				this.state.toString(), "FAKE_GIT_SHA", SHA, "DEPLOY_LOCK_FILE", this.lock.toString(), "DEPLOY_ENV_FILE",
				this.root.resolve("no-such.env").toString(), "SMOKE_ATTEMPTS", "2", "SMOKE_INTERVAL", "0"));
		env.putAll(extraEnv);
		List<String> command = new ArrayList<>(List.of("bash", this.project.resolve("deploy.sh").toString()));
		command.addAll(List.of(arguments));
		return run(command, env);
	}

	private Command.Result run(List<String> command, Map<String, String> env) {
		return Command.of(command)
			.withoutInheritedEnvironment()
			.env("PATH", this.fakeBin + ":/usr/bin:/bin")
			.env("HOME", this.root.toString())
			.env(env)
			.timeout(Duration.ofSeconds(60))
			.run();
	}

	private List<String> calls() throws IOException {
		return new ArrayList<>(Files.readAllLines(this.log));
	}

}
