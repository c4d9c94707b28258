package dev.project51.kubernetes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A running local Kubernetes control plane: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler and kwok on loopback ports, started by
 * {@code control-plane/start.sh} in a temporary directory. Get one from
 * {@link ControlPlaneExtension}; it lives as long as the test JVM and is shared by every
 * test in it.
 * <p>
 * The kubeconfig authenticates as a cluster administrator ({@code system:masters}). Nodes
 * are simulated by kwok: pods are scheduled and become Running and Ready, but no
 * container runs.
 *
 * @since 0.1.0
 */
public final class ControlPlane implements AutoCloseable {

	private static final System.Logger LOGGER = System.getLogger(ControlPlane.class.getName());

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

	private final Path scripts;

	private final Path binDirectory;

	private final Path directory;

	private final Path kubeconfig;

	private final String apiServerUrl;

	private boolean closed;

	private final KwokStages stages = new KwokStages(this);

	private ControlPlane(Path scripts, Path binDirectory, Path directory, String apiServerUrl) {
		this.scripts = scripts;
		this.binDirectory = binDirectory;
		this.directory = directory;
		this.kubeconfig = directory.resolve("kubeconfig");
		this.apiServerUrl = apiServerUrl;
	}

	/**
	 * Builds the binaries if they are not cached yet ({@code build.sh}), then starts a
	 * control plane on free loopback ports in a new temporary directory.
	 * @param scripts the {@code control-plane} directory with build.sh, start.sh and
	 * stop.sh
	 * @param buildTimeout how long the first build may take
	 * @return the running control plane
	 * @throws ControlPlaneException with the build's or the failing component's output
	 * when the binaries cannot be built or a component does not start
	 */
	public static ControlPlane start(Path scripts, Duration buildTimeout) {
		Objects.requireNonNull(scripts, "scripts");
		Path bin = build(scripts, buildTimeout);
		Path directory;
		try {
			directory = Files.createTempDirectory("project51-control-plane");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> env = new HashMap<>();
		env.put("CONTROL_PLANE_BIN", bin.toString());
		env.put("OWNER_PID", Long.toString(ProcessHandle.current().pid()));
		List<Integer> ports = freePorts(4);
		env.put("ETCD_PORT", ports.get(0).toString());
		env.put("ETCD_PEER_PORT", ports.get(1).toString());
		env.put("APISERVER_PORT", ports.get(2).toString());
		env.put("KWOK_PORT", ports.get(3).toString());
		ControlPlane controlPlane = new ControlPlane(scripts, bin, directory, "https://127.0.0.1:" + ports.get(2));
		long started = System.nanoTime();
		CommandResult result = run(List.of("bash", scripts.resolve("start.sh").toString(), directory.toString()), env,
				null, Duration.ofMinutes(5));
		if (!result.succeeded()) {
			controlPlane.close();
			throw new ControlPlaneException("the control plane did not start: " + result.describe());
		}
		LOGGER.log(System.Logger.Level.INFO, "control plane up at {0} in {1} ms ({2})", controlPlane.apiServerUrl,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), directory);
		return controlPlane;
	}

	private static Path build(Path scripts, Duration timeout) {
		Path buildLog;
		try {
			buildLog = Files.createTempFile("project51-control-plane-build", ".log");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			ProcessBuilder builder = new ProcessBuilder("bash", scripts.resolve("build.sh").toString())
				.redirectErrorStream(true)
				.redirectOutput(buildLog.toFile());
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new ControlPlaneException("control-plane/build.sh did not finish within " + timeout
						+ "; the end of its output:\n" + tail(buildLog, 60));
			}
			String output = Files.readString(buildLog, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new ControlPlaneException("control-plane/build.sh failed (exit " + process.exitValue()
						+ ") building the Kubernetes binaries; the end of its output:\n" + tail(buildLog, 60));
			}
			String[] lines = output.strip().split("\n");
			Path bin = Path.of(lines[lines.length - 1].strip());
			if (!Files.isExecutable(bin.resolve("kube-apiserver"))) {
				throw new ControlPlaneException(
						"control-plane/build.sh printed " + bin + ", which has no kube-apiserver:\n" + output);
			}
			return bin;
		}
		catch (IOException ex) {
			throw new ControlPlaneException("could not run control-plane/build.sh", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ControlPlaneException("interrupted while building the control plane", ex);
		}
		finally {
			try {
				Files.deleteIfExists(buildLog);
			}
			catch (IOException ex) {
				LOGGER.log(System.Logger.Level.WARNING, "could not delete " + buildLog, ex);
			}
		}
	}

	private static String tail(Path file, int lines) throws IOException {
		List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	private static List<Integer> freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			List<Integer> ports = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports.add(socket.getLocalPort());
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					LOGGER.log(System.Logger.Level.DEBUG, "closing a port probe", ex);
				}
			}
		}
	}

	/**
	 * Returns the kubeconfig of a cluster administrator, context {@code project51-test}.
	 * @return the kubeconfig path
	 */
	public Path kubeconfig() {
		return this.kubeconfig;
	}

	/**
	 * Returns the directory with the built binaries: etcd, kube-apiserver,
	 * kube-controller-manager, kube-scheduler, kubectl, kwok and kind-config-check.
	 * @return the binary directory
	 */
	public Path binDirectory() {
		return this.binDirectory;
	}

	/**
	 * Returns the API server's URL, {@code https://127.0.0.1:<port>}.
	 * @return the URL
	 */
	public String apiServerUrl() {
		return this.apiServerUrl;
	}

	/**
	 * Returns the environment a process needs to use this control plane with the built
	 * kubectl: {@code KUBECONFIG}, and {@code PATH} with the binary directory first.
	 * @return the environment variables to add
	 */
	public Map<String, String> environment() {
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		return Map.of("KUBECONFIG", this.kubeconfig.toString(), "PATH", this.binDirectory + ":" + path);
	}

	/**
	 * Runs the built kubectl against this control plane.
	 * @param args the arguments after {@code kubectl --kubeconfig <file>}
	 * @return what kubectl printed and its exit code
	 */
	public CommandResult kubectl(String... args) {
		return kubectlWithInput(null, args);
	}

	/**
	 * Runs the built kubectl against this control plane with the given standard input,
	 * e.g. {@code kubectlWithInput(yaml, "apply", "-f", "-")}.
	 * @param stdin the standard input, or {@code null} for none
	 * @param args the arguments after {@code kubectl --kubeconfig <file>}
	 * @return what kubectl printed and its exit code
	 */
	public CommandResult kubectlWithInput(String stdin, String... args) {
		List<String> command = new ArrayList<>();
		command.add(this.binDirectory.resolve("kubectl").toString());
		command.add("--kubeconfig");
		command.add(this.kubeconfig.toString());
		command.addAll(List.of(args));
		return run(command, Map.of(), stdin, COMMAND_TIMEOUT);
	}

	/**
	 * Makes kwok keep the pods of the given images Running but never Ready, as if their
	 * readiness probe always failed; every other pod still becomes Ready at once.
	 * Replaces the images of an earlier call; no image restores the default for all pods.
	 * Affects pods created from now on.
	 * @param images container images (of a pod's first container), e.g.
	 * {@code docker.io/acme/app:0123abc}
	 */
	public void podsNeverReady(String... images) {
		this.stages.neverReady(images);
	}

	/**
	 * Makes kwok keep the pods of the given images Pending with their containers waiting
	 * in {@code ImagePullBackOff}, as a kubelet reports an image that is not in the
	 * registry (yet); every other pod still becomes Ready at once. Replaces the images of
	 * an earlier call; no image restores the default for all pods. Affects pods created
	 * from now on.
	 * @param images container images (of a pod's first container), e.g.
	 * {@code docker.io/acme/app:0123abc}
	 */
	public void podsImageNotPulled(String... images) {
		this.stages.imageNotPulled(images);
	}

	/**
	 * Deletes a namespace and waits until it is gone, so a test starts from nothing.
	 * @param namespace the namespace
	 * @param timeout how long to wait
	 */
	public void deleteNamespace(String namespace, Duration timeout) {
		kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=false").orThrow();
		await("namespace " + namespace + " to be deleted", timeout,
				() -> kubectl("get", "namespace", namespace, "-o", "name").stdout().isBlank());
	}

	/**
	 * Waits until a condition holds, checking it every 100 ms.
	 * @param what what is awaited, for the failure message
	 * @param timeout the deadline
	 * @param condition the condition
	 * @throws ControlPlaneException when the deadline passes first
	 */
	public static void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new ControlPlaneException("timed out after " + timeout + " waiting for " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ControlPlaneException("interrupted waiting for " + what, ex);
			}
		}
	}

	/**
	 * Runs a command with extra environment variables and an optional standard input.
	 * @param command the command line
	 * @param env variables added to this process's environment
	 * @param stdin the standard input, or {@code null} for none
	 * @param timeout how long the command may run before it is killed
	 * @return what it printed and its exit code
	 */
	public static CommandResult run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(env);
		if (stdin == null) {
			builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		}
		try {
			Process process = builder.start();
			CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
			CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
			if (stdin != null) {
				try (var in = process.getOutputStream()) {
					in.write(stdin.getBytes(StandardCharsets.UTF_8));
				}
			}
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new ControlPlaneException(String.join(" ", command) + " did not finish within " + timeout);
			}
			return new CommandResult(command, process.exitValue(), out.get(10, TimeUnit.SECONDS),
					err.get(10, TimeUnit.SECONDS));
		}
		catch (IOException ex) {
			throw new ControlPlaneException("could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ControlPlaneException("interrupted running " + String.join(" ", command), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ControlPlaneException("could not read the output of " + String.join(" ", command), ex);
		}
	}

	private static String readAll(java.io.InputStream in) {
		try (in) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops every process of this control plane ({@code stop.sh}) and deletes its
	 * directory. Safe to call more than once.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		CommandResult result = run(
				List.of("bash", this.scripts.resolve("stop.sh").toString(), this.directory.toString()), Map.of(), null,
				Duration.ofMinutes(1));
		if (!result.succeeded()) {
			LOGGER.log(System.Logger.Level.WARNING, "stopping the control plane: {0}", result.describe());
		}
		deleteRecursively(this.directory);
	}

	/**
	 * stop.sh deletes the directory; this catches what a failed or interrupted stop left.
	 */
	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			LOGGER.log(System.Logger.Level.WARNING, "could not delete " + directory, ex);
		}
	}

}
