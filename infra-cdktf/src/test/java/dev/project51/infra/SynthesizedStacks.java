package dev.project51.infra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
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
		return CACHE.computeIfAbsent(settings,
				(key) -> Testing.synth(new HostStack(Testing.app(), "host", settings, cluster)));
	}

	/**
	 * Returns the synthesized cluster stack.
	 * @param settings the cluster settings
	 * @return the JSON
	 */
	public static String cluster(ClusterSettings settings) {
		return CACHE.computeIfAbsent(settings,
				(key) -> Testing.synth(new ClusterStack(Testing.app(), "cluster", settings)));
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

}
