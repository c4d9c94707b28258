package dev.project51.infra.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import dev.project51.infra.settings.ClusterSettings;
import dev.project51.infra.settings.PinnedVersions;
import software.constructs.Construct;

/**
 * The cluster stack, applied on the host: the {@code tehcyx/kind} provider pinned in
 * {@code required_providers}, a {@link ClusterConstruct} and its outputs (kubeconfig
 * path, API endpoint, kubectl context).
 * <p>
 * State is kept by the local backend in {@code terraform.<stack>.tfstate} next to the
 * synthesis output directory, as for the host stack.
 *
 * @since 0.1.0
 */
public class ClusterStack extends TerraformStack {

	/**
	 * The construct id of the cluster; its resource address is
	 * {@code kind_cluster.cluster}.
	 */
	public static final String CLUSTER_ID = "cluster";

	private final ClusterConstruct cluster;

	/**
	 * Creates the stack.
	 * @param scope the app
	 * @param id the stack name, also the directory name under {@code <out>/stacks}
	 * @param settings the cluster settings
	 */
	public ClusterStack(Construct scope, String id, ClusterSettings settings) {
		super(scope, id);
		Objects.requireNonNull(settings, "settings");
		new LocalBackend(this, LocalBackendConfig.builder().path("../../../terraform." + id + ".tfstate").build());
		addOverride("terraform.required_version", PinnedVersions.REQUIRED_TERRAFORM);
		// Pinned exactly: the provider embeds a kind library, and the node image
		// must be one published for that kind release (see PinnedVersions).
		Map<String, String> kind = new LinkedHashMap<>();
		kind.put("source", PinnedVersions.KIND_PROVIDER_SOURCE);
		kind.put("version", PinnedVersions.KIND_PROVIDER);
		addOverride("terraform.required_providers.kind", kind);
		this.cluster = new ClusterConstruct(this, CLUSTER_ID, settings);
		output("kubeconfig_path", this.cluster.kubeconfigPath(), "Kubeconfig of the kind cluster, on the host");
		output("endpoint", this.cluster.endpoint(), "Kubernetes API endpoint (loopback only)");
		output("kube_context", settings.kubeContext(), "kubectl context of the cluster");
		output("cluster_name", settings.name(), "Name of the kind cluster");
	}

	/**
	 * Returns the cluster construct of this stack.
	 * @return the cluster
	 */
	public ClusterConstruct cluster() {
		return this.cluster;
	}

	private void output(String name, String value, String description) {
		new TerraformOutput(this, name, TerraformOutputConfig.builder().value(value).description(description).build());
	}

}
