package dev.project51.k8s.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.project51.k8s.manifest.WorkloadManifests;
import dev.project51.k8s.manifest.WorkloadSettings;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

/**
 * The objects of {@code k8s/} that guard the workloads rather than run them: the
 * NetworkPolicies (deny everything, then allow the flows the application needs) and the
 * admission policy that refuses a Deployment whose images are not tagged with a commit
 * SHA.
 */
final class GuardManifests {

	/** Label Kubernetes puts on every namespace with its own name. */
	static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

	private GuardManifests() {
	}

	/**
	 * The admission policy: in the application's namespace, every container and init
	 * container of a Deployment must run an image tagged with a 40-character commit SHA
	 * (what deploy.sh sets) or pinned by digest. Applied alone, {@code k8s/} carries the
	 * placeholder tag and is refused.
	 * @param settings the delivery settings
	 * @return the policy
	 */
	static ValidatingAdmissionPolicy imagePolicy(DeliverySettings settings) {
		String tagged = "c.image.matches('^[^@]+:[0-9a-f]{40}$') || c.image.matches('@sha256:[0-9a-f]{64}$')";
		String spec = "object.spec.template.spec";
		return new ValidatingAdmissionPolicyBuilder().withMetadata(clusterMetadata(settings))
			.withNewSpec()
			.withFailurePolicy("Fail")
			// The API server's defaults written out, so that re-applying the policy
			// changes
			// nothing.
			.withNewMatchConstraints()
			.withMatchPolicy("Equivalent")
			.withNamespaceSelector(new LabelSelector())
			.withObjectSelector(new LabelSelector())
			.addNewResourceRule()
			.withApiGroups("apps")
			.withApiVersions("v1")
			.withOperations("CREATE", "UPDATE")
			.withResources("deployments")
			.withScope("*")
			.endResourceRule()
			.endMatchConstraints()
			.addNewValidation()
			.withExpression(spec + ".containers.all(c, " + tagged + ") && (!has(" + spec + ".initContainers) || " + spec
					+ ".initContainers.all(c, " + tagged + "))")
			.withMessageExpression("'deployment/' + object.metadata.name + ': every image must be tagged with a "
					+ "commit SHA, which deploy.sh sets; deploy with deploy.sh, not with kubectl apply -f k8s/ (images: ' + "
					+ spec + ".containers.map(c, c.image).join(', ') + ')'")
			.withReason("Invalid")
			.endValidation()
			.endSpec()
			.build();
	}

	/**
	 * The binding of {@link #imagePolicy(DeliverySettings)} to the application's
	 * namespace, denying what the policy refuses.
	 * @param settings the delivery settings
	 * @return the binding
	 */
	static ValidatingAdmissionPolicyBinding imagePolicyBinding(DeliverySettings settings) {
		return new ValidatingAdmissionPolicyBindingBuilder().withMetadata(clusterMetadata(settings))
			.withNewSpec()
			.withPolicyName(settings.imagePolicyName())
			.withValidationActions("Deny")
			.withNewMatchResources()
			.withNamespaceSelector(
					new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, settings.namespace()))
						.build())
			.endMatchResources()
			.endSpec()
			.build();
	}

	/**
	 * The namespace's default: no pod may send or receive anything.
	 * @param settings the delivery settings
	 * @return the policy
	 */
	static NetworkPolicy defaultDeny(DeliverySettings settings) {
		return new NetworkPolicyBuilder().withMetadata(metadata(settings, "default-deny"))
			.withNewSpec()
			.withPodSelector(new LabelSelector())
			.withPolicyTypes("Ingress", "Egress")
			.endSpec()
			.build();
	}

	/**
	 * What the frontend needs: anyone may reach its port (the NodePort serves the public
	 * site, and the kubelet probes it); it may resolve names and reach the agent, in the
	 * cluster or at its URL.
	 * @param settings the delivery settings
	 * @param frontend the frontend workload
	 * @param agent the in-cluster agent workload, or {@code null}
	 * @return the policy
	 */
	static NetworkPolicy frontend(DeliverySettings settings, WorkloadSettings frontend, WorkloadSettings agent) {
		List<NetworkPolicyEgressRule> egress = new ArrayList<>();
		egress.add(dns());
		if (agent != null) {
			egress.add(new NetworkPolicyEgressRuleBuilder().withTo(new NetworkPolicyPeerBuilder()
				.withPodSelector(
						new LabelSelectorBuilder().withMatchLabels(WorkloadManifests.selectorLabels(agent)).build())
				.build()).withPorts(tcp(agent.containerPort())).build());
		}
		else {
			egress.add(new NetworkPolicyEgressRuleBuilder().withPorts(tcp(port(settings.agentBaseUrl()))).build());
		}
		return new NetworkPolicyBuilder().withMetadata(metadata(settings, frontend.name()))
			.withNewSpec()
			.withNewPodSelector()
			.withMatchLabels(WorkloadManifests.selectorLabels(frontend))
			.endPodSelector()
			.withPolicyTypes("Ingress", "Egress")
			.addNewIngress()
			.withPorts(tcp(frontend.containerPort()))
			.endIngress()
			.withEgress(egress)
			.endSpec()
			.build();
	}

	/**
	 * What the in-cluster agent needs: the frontend's pods (and the kubelet's probes)
	 * reach its port; it may resolve names and call its model provider over HTTPS.
	 * @param settings the delivery settings
	 * @param frontend the frontend workload
	 * @param agent the agent workload
	 * @return the policy
	 */
	static NetworkPolicy agent(DeliverySettings settings, WorkloadSettings frontend, WorkloadSettings agent) {
		return new NetworkPolicyBuilder().withMetadata(metadata(settings, agent.name()))
			.withNewSpec()
			.withNewPodSelector()
			.withMatchLabels(WorkloadManifests.selectorLabels(agent))
			.endPodSelector()
			.withPolicyTypes("Ingress", "Egress")
			.addNewIngress()
			.withPorts(tcp(agent.containerPort()))
			.endIngress()
			.withEgress(dns(), new NetworkPolicyEgressRuleBuilder().withPorts(tcp(443)).build())
			.endSpec()
			.build();
	}

	private static NetworkPolicyEgressRule dns() {
		return new NetworkPolicyEgressRuleBuilder()
			.withTo(new NetworkPolicyPeerBuilder()
				.withNamespaceSelector(
						new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, "kube-system")).build())
				.withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("k8s-app", "kube-dns")).build())
				.build())
			.withPorts(new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString(53)).build(),
					new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(53)).build())
			.build();
	}

	private static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort tcp(int port) {
		return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
	}

	static int port(String url) {
		URI uri = URI.create(url);
		if (uri.getPort() > 0) {
			return uri.getPort();
		}
		return "http".equals(uri.getScheme()) ? 80 : 443;
	}

	private static ObjectMeta metadata(DeliverySettings settings, String name) {
		return new ObjectMetaBuilder().withName(name)
			.withNamespace(settings.namespace())
			.withLabels(labels(settings))
			.build();
	}

	private static ObjectMeta clusterMetadata(DeliverySettings settings) {
		return new ObjectMetaBuilder().withName(settings.imagePolicyName()).withLabels(labels(settings)).build();
	}

	private static Map<String, String> labels(DeliverySettings settings) {
		Map<String, String> labels = new TreeMap<>();
		labels.put(WorkloadManifests.PART_OF_LABEL, settings.appName());
		return labels;
	}

}
