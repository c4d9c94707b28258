package dev.project51.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.project51.infra.cluster.ClusterStack;
import dev.project51.infra.host.HostStack;
import dev.project51.infra.settings.InfraSettings;

/**
 * Synthesizes both stacks to plain Terraform JSON, the durable artifact of this module:
 * {@code <out>/stacks/host/cdk.tf.json} and {@code <out>/stacks/cluster/cdk.tf.json}
 * (plus CDKTF's {@code manifest.json}). Apply them with {@code terraform} or OpenTofu;
 * the CDKTF CLI is not needed.
 * <p>
 * Synthesis runs offline but starts a {@code node} process (the jsii runtime behind the
 * CDKTF Java API), so {@code node} must be on the {@code PATH} (or named by
 * {@code JSII_NODE}).
 *
 * @since 0.1.0
 */
public final class Synthesizer {

	/** Name (and directory) of the host stack. */
	public static final String HOST_STACK = "host";

	/** Name (and directory) of the cluster stack. */
	public static final String CLUSTER_STACK = "cluster";

	/** The file each stack is written to inside {@code <out>/stacks/<stack>}. */
	public static final String STACK_FILE = "cdk.tf.json";

	private Synthesizer() {
	}

	/**
	 * Synthesizes the host and the cluster stack into {@code outDir}. When the host
	 * creates the cluster at first boot, the cluster stack's JSON is embedded in the
	 * host's user data, byte for byte as written to {@code <out>/stacks/cluster}.
	 * @param settings the settings of both stacks
	 * @param outDir the output directory, conventionally {@code cdktf.out}; Terraform
	 * state files are kept next to it
	 * @return where the stacks were written
	 * @throws UncheckedIOException when the output cannot be written
	 */
	public static SynthesisResult synthesize(InfraSettings settings, Path outDir) {
		Objects.requireNonNull(settings, "settings");
		Path out = Objects.requireNonNull(outDir, "outDir").toAbsolutePath().normalize();
		String clusterJson = null;
		if (settings.host().createClusterOnBoot()) {
			clusterJson = synthesizeClusterAlone(settings);
		}
		App app = newApp(out);
		new ClusterStack(app, CLUSTER_STACK, settings.cluster());
		new HostStack(app, HOST_STACK, settings.host(), clusterJson);
		app.synth();
		SynthesisResult result = new SynthesisResult(out, stackFile(out, HOST_STACK), stackFile(out, CLUSTER_STACK));
		if (clusterJson != null && !clusterJson.equals(read(result.clusterStack()))) {
			throw new IllegalStateException("the cluster stack embedded in the host's user data differs from "
					+ result.clusterStack() + "; synthesis is not deterministic");
		}
		return result;
	}

	/**
	 * Returns the path of a synthesized stack file.
	 * @param outDir the output directory
	 * @param stack the stack name
	 * @return {@code <out>/stacks/<stack>/cdk.tf.json}
	 */
	public static Path stackFile(Path outDir, String stack) {
		return outDir.resolve("stacks").resolve(stack).resolve(STACK_FILE);
	}

	private static String synthesizeClusterAlone(InfraSettings settings) {
		Path scratch;
		try {
			scratch = Files.createTempDirectory("project51-cluster-stack");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create a temporary directory", ex);
		}
		try {
			App app = newApp(scratch);
			new ClusterStack(app, CLUSTER_STACK, settings.cluster());
			app.synth();
			return read(stackFile(scratch, CLUSTER_STACK));
		}
		finally {
			deleteRecursively(scratch);
		}
	}

	private static App newApp(Path outDir) {
		return new App(AppConfig.builder().outdir(outDir.toString()).stackTraces(false).build());
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + directory, ex);
		}
	}

}
