package dev.project51.infra.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceConfig;
import dev.project51.infra.settings.ClusterSettings;
import software.constructs.Construct;

/**
 * A kind cluster declared with the {@code tehcyx/kind} provider's {@code kind_cluster}
 * resource. No prebuilt CDKTF binding exists for that provider (generating one needs
 * {@code cdktf get}, Terraform and the registry), so the resource is a plain
 * {@link TerraformResource} whose arguments are set as overrides: the synthesized JSON is
 * exactly what the provider's schema documents.
 * <p>
 * The cluster has one control-plane node built from a pinned image, waits until it is
 * ready, publishes NodePort {@code nodePort} on host port {@code hostPort} (TCP, all
 * interfaces: the security group decides who gets through) and keeps the Kubernetes API
 * on {@code 127.0.0.1}, unreachable from outside the host.
 * <p>
 * The kind provider creates the cluster on the Docker engine of the machine that runs
 * {@code terraform apply}; apply the stack holding this construct on the host.
 *
 * @since 0.1.0
 */
public class ClusterConstruct extends Construct {

	/** The Terraform resource type of a kind cluster. */
	public static final String RESOURCE_TYPE = "kind_cluster";

	private final TerraformResource cluster;

	private final ClusterSettings settings;

	/**
	 * Creates the cluster.
	 * @param scope the parent construct, usually a {@link ClusterStack}
	 * @param id the construct id; the resource address is {@code kind_cluster.<id>}
	 * @param settings the cluster settings
	 */
	public ClusterConstruct(Construct scope, String id, ClusterSettings settings) {
		super(scope, id);
		this.settings = Objects.requireNonNull(settings, "settings");
		this.cluster = new TerraformResource(this, "cluster",
				TerraformResourceConfig.builder().terraformResourceType(RESOURCE_TYPE).build());
		this.cluster.overrideLogicalId(id);
		this.cluster.addOverride("name", settings.name());
		this.cluster.addOverride("node_image", settings.nodeImage());
		this.cluster.addOverride("wait_for_ready", true);
		this.cluster.addOverride("kubeconfig_path", kubeconfigExpression(settings.kubeconfigPath()));
		this.cluster.addOverride("kind_config", List.of(kindConfig(settings)));
	}

	/**
	 * Returns the path of the kubeconfig the provider wrote (a Terraform reference).
	 * @return the kubeconfig path token
	 */
	public String kubeconfigPath() {
		return this.cluster.getStringAttribute("kubeconfig_path");
	}

	/**
	 * Returns the Kubernetes API server endpoint (a Terraform reference), an
	 * {@code https://127.0.0.1:<port>} URL.
	 * @return the endpoint token
	 */
	public String endpoint() {
		return this.cluster.getStringAttribute("endpoint");
	}

	/**
	 * Returns the settings this cluster was built from.
	 * @return the settings
	 */
	public ClusterSettings settings() {
		return this.settings;
	}

	/**
	 * Turns a path that may start with {@code ~/} into a Terraform expression, so the
	 * home directory is the one of whoever runs {@code terraform apply}.
	 * @param path the configured path
	 * @return the literal path, or a {@code pathexpand} expression
	 */
	static String kubeconfigExpression(String path) {
		return path.startsWith("~") ? "${pathexpand(\"" + path + "\")}" : path;
	}

	private static Map<String, Object> kindConfig(ClusterSettings settings) {
		Map<String, Object> portMapping = new LinkedHashMap<>();
		portMapping.put("container_port", settings.nodePort());
		portMapping.put("host_port", settings.hostPort());
		portMapping.put("listen_address", ClusterSettings.LISTEN_ADDRESS);
		portMapping.put("protocol", "TCP");
		Map<String, Object> controlPlane = new LinkedHashMap<>();
		controlPlane.put("role", "control-plane");
		controlPlane.put("extra_port_mappings", List.of(portMapping));
		Map<String, Object> networking = new LinkedHashMap<>();
		networking.put("api_server_address", ClusterSettings.API_SERVER_ADDRESS);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("kind", "Cluster");
		config.put("api_version", "kind.x-k8s.io/v1alpha4");
		config.put("networking", List.of(networking));
		config.put("node", List.of(controlPlane));
		return config;
	}

}
