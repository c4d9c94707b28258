package dev.project51.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.TestingAppConfig;
import dev.project51.infra.cluster.ClusterStack;
import dev.project51.infra.host.HostStack;
import dev.project51.infra.settings.ClusterSettings;
import dev.project51.infra.settings.HostSettings;

/**
 * Synthesizes stacks with CDKTF's {@link Testing} API and caches the JSON per settings:
 * each synthesis goes through the jsii node process, so test classes share results
 * instead of synthesizing the same stack again.
 */
public final class SynthesizedStacks {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final Map<Object, String> CACHE = new ConcurrentHashMap<>();

	private static final AtomicInteger APPS = new AtomicInteger();

	private static final Path OUTDIR = createOutdir();

	private SynthesizedStacks() {
	}

	/**
	 * Returns the synthesized host stack (as {@link Testing#synth} renders it: sorted,
	 * without CDKTF metadata), the host creating the default cluster at boot.
	 * @param settings the host settings
	 * @return the JSON
	 */
	public static String host(HostSettings settings) {
		String cluster = settings.createClusterOnBoot() ? cluster(ClusterSettings.defaults()) : null;
		return CACHE.computeIfAbsent(settings, (key) -> Testing.synth(new HostStack(app(), "host", settings, cluster)));
	}

	/**
	 * Returns the synthesized cluster stack.
	 * @param settings the cluster settings
	 * @return the JSON
	 */
	public static String cluster(ClusterSettings settings) {
		return CACHE.computeIfAbsent(settings, (key) -> Testing.synth(new ClusterStack(app(), "cluster", settings)));
	}

	/**
	 * Returns a testing app (stubbed version, future flags) whose output directory is
	 * deleted when the JVM exits; {@code Testing.app()} would leave one behind in the
	 * system temporary directory per call.
	 * @return the app
	 */
	public static App app() {
		Path outdir = OUTDIR.resolve("app-" + APPS.incrementAndGet());
		return Testing.app(TestingAppConfig.builder().outdir(outdir.toString()).build());
	}

	/**
	 * Parses JSON.
	 * @param json the JSON text
	 * @return the tree
	 */
	public static JsonNode parse(String json) {
		try {
			return MAPPER.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON: " + json, ex);
		}
	}

	private static Path createOutdir() {
		try {
			Path outdir = Files.createTempDirectory("project51-infra-tests");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(outdir)));
			return outdir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort at JVM exit
		}
	}

}
