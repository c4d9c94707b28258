package dev.project51.kubernetes.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.project51.kubernetes.EndpointsWatch;
import dev.project51.kubernetes.Figures;
import dev.project51.kubernetes.ReferenceDeployment;
import dev.project51.kubernetes.testing.CommandResult;
import dev.project51.kubernetes.testing.ControlPlane;
import dev.project51.kubernetes.testing.ControlPlaneExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated deploy.sh, run as cron runs it on the host, against a real API server
 * with the real kubectl (first on PATH), git and flock. Each test pushes a commit, as CI
 * would, and runs deploy.sh in its checkout; the tests build on each other in order, like
 * successive releases.
 * <p>
 * Test doubles, only where the real thing cannot be had here:
 * <ul>
 * <li>the git remote is a local bare repository instead of GitHub (no network);</li>
 * <li>the smoke check's URL ({@code SMOKE_URL}) is a small local HTTP server answering
 * 200: the pods are simulated by kwok, so nothing listens behind the NodePort, and there
 * is no kind port mapping to host port 8080;</li>
 * <li>the kubectl context ({@code KUBE_CONTEXT}) and kubeconfig ({@code KUBECONFIG}) are
 * the test control plane's instead of kind's;</li>
 * <li>a release whose pods never become ready is made by a kwok stage keyed on the
 * release's image tag (the commit SHA): its pods run but stay not Ready, as with a
 * failing readiness probe;</li>
 * <li>a release whose image CI has not pushed yet is made by another kwok stage keyed on
 * the tag: its pods stay Pending with their container waiting in
 * {@code ImagePullBackOff}, as a kubelet reports a tag the registry does not have.</li>
 * </ul>
 * {@code ROLLOUT_TIMEOUT} is shortened to 40 s (a good rollout of two replicas with
 * {@code minReadySeconds: 5} takes about 12 s here), and the smoke check's attempts and
 * interval are set low; all are documented settings of deploy.sh.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployScriptIT {

	private static final String NAMESPACE = ReferenceDeployment.NAMESPACE;

	private static final String ROLLOUT_TIMEOUT = "40s";

	@TempDir
	static Path root;

	private static ControlPlane controlPlane;

	private static HttpServer smokeServer;

	private static Path origin;

	private static Path work;

	private static Path checkout;

	private static String imageRepository;

	private static String lastGood;

	@BeforeAll
	static void repositoryAndSmokeServer(ControlPlane cp) throws IOException {
		controlPlane = cp;
		controlPlane.deleteNamespace(NAMESPACE, Duration.ofMinutes(2));
		smokeServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		smokeServer.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		smokeServer.start();

		origin = root.resolve("origin.git");
		work = root.resolve("work");
		checkout = root.resolve("checkout");
		git(root, "init", "--quiet", "--bare", "--initial-branch=main", origin.toString());
		git(root, "clone", "--quiet", origin.toString(), work.toString());
		Files.copy(ReferenceDeployment.file("deploy.sh"), work.resolve("deploy.sh"));
		Files.createDirectories(work.resolve("k8s"));
		for (Path manifest : ReferenceDeployment.manifests()) {
			Files.copy(manifest, work.resolve("k8s").resolve(manifest.getFileName()));
		}
		imageRepository = Files.readAllLines(work.resolve("k8s/frontend-deployment.yaml"))
			.stream()
			.map(String::trim)
			.filter((line) -> line.startsWith("image: "))
			.map((line) -> line.substring("image: ".length(), line.lastIndexOf(':')))
			.findFirst()
			.orElseThrow();
		commit("release 1");
		git(root, "clone", "--quiet", origin.toString(), checkout.toString());
	}

	@AfterAll
	static void stopSmokeServer() {
		if (smokeServer != null) {
			smokeServer.stop(0);
		}
		if (controlPlane != null) {
			controlPlane.podsNeverReady();
			controlPlane.podsImageNotPulled();
		}
	}

	@Test
	@Order(10)
	void firstDeployRollsOutTheCommitsImageAndExitsZero() throws IOException {
		String sha = head();
		CommandResult result = deploy();
		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(result.stdout()).contains("commit " + sha)
			.contains("smoke check passed")
			.contains("deployed " + sha);
		assertRunning(sha);
		lastGood = sha;
	}

	@Test
	@Order(15)
	void committedManifestsAppliedWithoutDeployShAreRefused() {
		CommandResult refused = controlPlane.kubectl("apply", "-f", checkout.resolve("k8s").toString());
		assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
		assertThat(refused.stderr()).contains("denied request: deployment/frontend: every image must be tagged with "
				+ "a commit SHA, which deploy.sh sets");
		assertRunning(lastGood);
	}

	@Test
	@Order(20)
	void goodNewImageTagRollsOutAndExitsZero() throws IOException {
		String sha = commit("release 2");
		long started = System.nanoTime();
		CommandResult result = deploy();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(result.stdout()).contains("rolling out: frontend").contains("deployed " + sha);
		assertRunning(sha);
		lastGood = sha;
		Figures.record("deploy.sh, a good new image tag: pull, apply, rollout, smoke check", took);
	}

	@Test
	@Order(30)
	void releaseThatNeverBecomesReadyIsRolledBackWhileTheOldPodsServe() throws IOException {
		String sha = commit("release 3, never ready");
		controlPlane.podsNeverReady(imageRepository + ":" + sha);
		List<Integer> readyEndpoints;
		CommandResult result;
		long started = System.nanoTime();
		try (EndpointsWatch watch = EndpointsWatch.start(controlPlane, NAMESPACE, "frontend")) {
			result = deploy();
			readyEndpoints = watch.stop();
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
		assertThat(result.stdout()).contains("rolling out: frontend").contains("rolling back deployment/frontend");
		assertThat(result.stderr()).contains("deployment/frontend did not become ready within " + ROLLOUT_TIMEOUT)
			.contains("rolled back to the previous version");
		assertRunning(lastGood);
		assertThat(replicaSetImages()).as("the failed release's ReplicaSet was created, then scaled down")
			.containsEntry(imageRepository + ":" + sha, 0);
		assertThat(readyEndpoints).as("ready endpoints of the Service after each change during the run")
			.isNotEmpty()
			.allSatisfy((ready) -> assertThat(ready).isGreaterThanOrEqualTo(1));
		Figures.record("deploy.sh, a release that never becomes ready: `ROLLOUT_TIMEOUT=" + ROLLOUT_TIMEOUT
				+ "`, then rollback; total", took);
		Figures.record("ready endpoints of the Service during that run (every change watched)",
				"min " + readyEndpoints.stream().mapToInt(Integer::intValue).min().getAsInt() + ", "
						+ readyEndpoints.size() + " changes seen");
	}

	@Test
	@Order(40)
	void runAgainOnTheRolledBackCommitDoesNotApplyItAgain() throws IOException {
		String sha = head();
		String generation = get("deployment/frontend", "{.metadata.generation}");
		CommandResult result = deploy();
		assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
		assertThat(result.stderr()).contains(sha).contains("rolled back by an earlier run");
		assertThat(get("deployment/frontend", "{.metadata.generation}")).as("the Deployment was not changed")
			.isEqualTo(generation);
		assertRunning(lastGood);
	}

	@Test
	@Order(45)
	void forceReappliesTheRolledBackCommitOnceTheCauseIsFixed() {
		String sha = head();
		controlPlane.podsNeverReady();
		CommandResult result = deploy("--force");
		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(result.stdout())
			.contains("--force: deploying commit " + sha + " although an earlier run rolled it back")
			.contains("deployed " + sha);
		assertRunning(sha);
		assertThat(get("namespace/" + NAMESPACE, "{.metadata.annotations.project51\\.dev/rolled-back-commit}"))
			.as("the mark is cleared")
			.isEmpty();
		lastGood = sha;
	}

	@Test
	@Order(50)
	void partlyFailedApplyIsRolledBack() throws IOException {
		controlPlane.podsNeverReady();
		Path service = work.resolve("k8s/frontend-service.yaml");
		Files.writeString(service, Files.readString(service).replace("nodePort: 30080", "nodePort: 80"));
		String sha = commit("release 4, a Service the API server refuses");
		CommandResult result = deploy();
		assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
		assertThat(result.stdout() + result.stderr()).contains("deployment.apps/frontend configured")
			.contains("provided port is not in the valid range");
		assertThat(result.stderr()).contains("kubectl apply failed").contains("rolled back to the previous version");
		assertRunning(lastGood);
		assertThat(get("service/frontend", "{.spec.ports[0].nodePort}")).isEqualTo("30080");
		assertThat(sha).isEqualTo(head());
	}

	@Test
	@Order(60)
	void fixPushedAfterAFailedReleaseDeploys() throws IOException {
		Path service = work.resolve("k8s/frontend-service.yaml");
		Files.writeString(service, Files.readString(service).replace("nodePort: 80\n", "nodePort: 30080\n"));
		String sha = commit("release 5, fixed");
		CommandResult result = deploy();
		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertRunning(sha);
		lastGood = sha;
	}

	@Test
	@Order(70)
	void releaseWhoseImageIsNotPushedYetIsRolledBackAndRetriedByTheNextRun() throws IOException {
		String sha = commit("release 6, deployed before CI pushed its image");
		String image = imageRepository + ":" + sha;
		controlPlane.podsImageNotPulled(image);
		CommandResult result;
		List<Integer> readyEndpoints;
		try (EndpointsWatch watch = EndpointsWatch.start(controlPlane, NAMESPACE, "frontend")) {
			result = deploy();
			readyEndpoints = watch.stop();
		}
		assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
		assertThat(result.stderr()).contains("deployment/frontend did not become ready within " + ROLLOUT_TIMEOUT)
			.contains("rolled back to the previous version")
			.contains("The image " + image + " is not in the registry yet")
			.contains("commit " + sha + " is not marked as rolled back, so the next run retries it");
		assertRunning(lastGood);
		assertThat(get("namespace/" + NAMESPACE, "{.metadata.annotations.project51\\.dev/rolled-back-commit}"))
			.as("the rolled-back-commit mark")
			.isNotEqualTo(sha);
		assertThat(readyEndpoints).as("ready endpoints of the Service after each change during the run")
			.isNotEmpty()
			.allSatisfy((ready) -> assertThat(ready).isGreaterThanOrEqualTo(1));

		controlPlane.podsImageNotPulled();
		CommandResult retry = deploy();
		assertThat(retry.exitCode()).as("the next run, once CI has pushed the image: " + retry.describe()).isZero();
		assertThat(retry.stdout()).contains("rolling out: frontend").contains("deployed " + sha);
		assertRunning(sha);
		lastGood = sha;
	}

	private static void assertRunning(String sha) {
		String image = imageRepository + ":" + sha;
		assertThat(get("deployment/frontend", "{.spec.template.spec.containers[0].image}")).isEqualTo(image);
		assertThat(get("deployment/frontend", "{.status.readyReplicas}/{.status.updatedReplicas}/{.status.replicas}"))
			.isEqualTo("2/2/2");
	}

	private static Map<String, Integer> replicaSetImages() {
		Map<String, Integer> images = new HashMap<>();
		controlPlane.kubectl("get", "replicasets", "-n", NAMESPACE, "-o",
				"jsonpath={range .items[*]}{.spec.template.spec.containers[0].image} {.spec.replicas}{\"\\n\"}{end}")
			.orThrow()
			.stdout()
			.lines()
			.map((line) -> line.trim().split(" "))
			.forEach((fields) -> images.put(fields[0], Integer.valueOf(fields[1])));
		return images;
	}

	private static String get(String object, String jsonpath) {
		return controlPlane.kubectl("get", object, "-n", NAMESPACE, "-o", "jsonpath=" + jsonpath)
			.orThrow()
			.stdout()
			.trim();
	}

	private static CommandResult deploy(String... arguments) {
		Map<String, String> env = new HashMap<>(controlPlane.environment());
		env.put("KUBE_CONTEXT", "project51-test");
		env.put("ROLLOUT_TIMEOUT", ROLLOUT_TIMEOUT);
		env.put("SMOKE_URL", "http://127.0.0.1:" + smokeServer.getAddress().getPort());
		env.put("SMOKE_ATTEMPTS", "3");
		env.put("SMOKE_INTERVAL", "1");
		env.put("DEPLOY_LOCK_FILE", root.resolve("deploy.lock").toString());
		env.put("DEPLOY_ENV_FILE", root.resolve("no-such-deploy.env").toString());
		env.put("AGENT_API_TOKEN", "test-token");
		env.put("HOME", root.toString());
		List<String> command = new java.util.ArrayList<>(List.of("bash", checkout.resolve("deploy.sh").toString()));
		command.addAll(List.of(arguments));
		return ControlPlane.run(command, env, null, Duration.ofMinutes(5));
	}

	private static String commit(String message) throws IOException {
		Files.writeString(work.resolve("RELEASE"), message + "\n");
		git(work, "add", "--all");
		git(work, "-c", "user.name=CI", "-c", "user.email=ci@example.com", "commit", "--quiet", "-m", message);
		git(work, "push", "--quiet", "origin", "main");
		return git(work, "rev-parse", "HEAD");
	}

	private static String head() {
		return git(checkout, "rev-parse", "HEAD");
	}

	private static String git(Path dir, String... args) {
		List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
		command.addAll(List.of(args));
		return ControlPlane.run(command, Map.of("HOME", root.toString()), null, Duration.ofMinutes(1))
			.orThrow()
			.stdout()
			.trim();
	}

}
