package dev.project51.k8s.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The third-party GitHub Actions the workflow uses, pinned to full commit SHAs (the only
 * immutable reference GitHub offers) with the release tag they point to. The SHAs were
 * taken from public workflows that pin the same release; see docs/kubernetes.md.
 */
final class PinnedActions {

	static final Map<String, Map<String, String>> ALL = create();

	/**
	 * The kind release the workflow's kind job installs ({@code go install}, checked
	 * against Go's checksum database); it runs the node image of
	 * {@link DeliverySettings#kindNodeImage()}. The same version as the root pom's
	 * {@code kind.version}, whose config types load the generated kind-config.yaml in
	 * kubernetes-tests.
	 */
	static final String KIND_VERSION = "v0.33.0";

	/**
	 * The Node.js major the workflow sets up for CDKTF synthesis: an active LTS (Node 20
	 * reached its end of life in April 2026).
	 */
	static final String NODE_VERSION = "22";

	private PinnedActions() {
	}

	private static Map<String, Map<String, String>> create() {
		Map<String, Map<String, String>> actions = new LinkedHashMap<>();
		put(actions, "checkout", "actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");
		put(actions, "setupJava", "actions/setup-java", "c5195efecf7bdfc987ee8bae7a71cb8b11521c00", "v4.7.1");
		put(actions, "setupNode", "actions/setup-node", "49933ea5288caeca8642d1e84afbd3f7d6820020", "v4.4.0");
		put(actions, "setupBuildx", "docker/setup-buildx-action", "e468171a9de216ec08956ac3ada2f0791b6bd435",
				"v3.11.1");
		put(actions, "login", "docker/login-action", "74a5d142397b4f367a81961eba4e8cd7edddf772", "v3.4.0");
		put(actions, "buildPush", "docker/build-push-action", "263435318d21b8e681c14492fe198d362a7d2c83", "v6.18.0");
		return Map.copyOf(actions);
	}

	private static void put(Map<String, Map<String, String>> actions, String key, String name, String sha, String tag) {
		actions.put(key, Map.of("uses", name + "@" + sha, "tag", tag));
	}

}
