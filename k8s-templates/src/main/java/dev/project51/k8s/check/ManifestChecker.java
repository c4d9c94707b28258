package dev.project51.k8s.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.ValidationReport;
import io.fabric8.kubernetes.schema.validator.Validator;

/**
 * Checks Kubernetes YAML (files or whole folders) offline: schema validation with
 * fabric8's {@code kubernetes-model-validator}, then the self-healing and security
 * {@link Rule rules}. Cross-object rules (a PodDisruptionBudget per Deployment, Services
 * that select pods, HPA targets) see every object of one {@code check} call, so check a
 * whole folder at once.
 *
 * <pre class="code">
 * ManifestChecker.defaults().check(Path.of("k8s")).assertClean();
 * </pre>
 *
 * Findings can be suppressed per object with kube-score's
 * {@code kube-score/ignore: <ids>} annotation or kube-linter's
 * {@code ignore-check.kube-linter.io/<id>: "<reason>"}.
 *
 * @since 0.1.0
 */
public final class ManifestChecker {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private final Set<Rule> rules;

	private ManifestChecker(Set<Rule> rules) {
		this.rules = rules;
	}

	/**
	 * Return a checker with every rule enabled.
	 * @return the checker
	 */
	public static ManifestChecker defaults() {
		return new ManifestChecker(EnumSet.allOf(Rule.class));
	}

	/**
	 * Return a checker with every rule enabled except the given ones.
	 * @param ids ids of rules to skip, e.g. {@code "service-type"}
	 * @return the checker
	 * @throws IllegalArgumentException if an id names no rule
	 */
	public static ManifestChecker skipping(String... ids) {
		Set<Rule> rules = EnumSet.allOf(Rule.class);
		for (String id : ids) {
			rules.remove(Rule.byId(id)
				.orElseThrow(() -> new IllegalArgumentException("Unknown rule id '" + id + "'; known ids: "
						+ Arrays.stream(Rule.values()).map(Rule::id).toList())));
		}
		return new ManifestChecker(rules);
	}

	/**
	 * Check YAML files and folders. Folders are searched recursively for {@code *.yaml}
	 * and {@code *.yml} files, in sorted order.
	 * @param paths files or folders
	 * @return the result
	 * @throws IllegalArgumentException if a path does not exist
	 * @throws UncheckedIOException if a file cannot be read
	 */
	public ManifestCheckResult check(Path... paths) {
		return check(Arrays.asList(paths));
	}

	/**
	 * Check YAML files and folders. Folders are searched recursively for {@code *.yaml}
	 * and {@code *.yml} files, in sorted order.
	 * @param paths files or folders
	 * @return the result
	 * @throws IllegalArgumentException if a path does not exist
	 * @throws UncheckedIOException if a file cannot be read
	 */
	public ManifestCheckResult check(Collection<Path> paths) {
		List<Path> files = new ArrayList<>();
		for (Path path : paths) {
			files.addAll(yamlFiles(path));
		}
		List<Source> sources = new ArrayList<>();
		for (Path file : files) {
			try {
				sources.add(new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + file, ex);
			}
		}
		return checkSources(sources);
	}

	/**
	 * Check YAML text.
	 * @param yaml one or more YAML documents
	 * @param sourceName the name to report as file in findings
	 * @return the result
	 */
	public ManifestCheckResult checkYaml(String yaml, String sourceName) {
		return checkSources(List.of(new Source(sourceName, yaml)));
	}

	private ManifestCheckResult checkSources(List<Source> sources) {
		List<Finding> findings = new ArrayList<>();
		ManifestReader reader = new ManifestReader(SERIALIZATION);
		List<ManifestObject> objects = new ArrayList<>();
		for (Source source : sources) {
			objects.addAll(reader.read(source.name(), source.text(), (finding) -> {
				if (this.rules.contains(finding.rule())) {
					findings.add(finding);
				}
			}));
		}
		ManifestRules.Sink sink = (object, rule, message) -> {
			if (this.rules.contains(rule) && !object.ignores(rule)) {
				findings.add(new Finding(rule, object.file(), object.line(), object.kind(), object.name(), message));
			}
		};
		for (ManifestObject object : objects) {
			checkSchema(object, sink);
			ManifestRules.checkObject(object, sink);
		}
		CrossObjectRules.checkAll(objects, sink);
		return new ManifestCheckResult(findings, sources.size(), objects.size());
	}

	private void checkSchema(ManifestObject object, ManifestRules.Sink sink) {
		String apiVersion = object.apiVersion();
		String kind = object.kind();
		if (apiVersion == null || kind == null) {
			sink.report(object, Rule.SCHEMA, "the object has no " + ((apiVersion == null) ? "apiVersion" : "kind")
					+ "; every Kubernetes object needs apiVersion and kind (e.g. apps/v1 and Deployment)");
			return;
		}
		if (SERIALIZATION.getRegisteredKubernetesResource(apiVersion, kind) == null) {
			sink.report(object, Rule.UNKNOWN_KIND, "apiVersion " + apiVersion + " with kind " + kind
					+ " is not a built-in Kubernetes type, so its schema cannot be checked; fix a typo (e.g. apps/v1 Deployment) or, for a custom resource, suppress unknown-kind");
			return;
		}
		if (!this.rules.contains(Rule.SCHEMA) || object.ignores(Rule.SCHEMA)) {
			return;
		}
		ValidationReport report = SchemaValidator.INSTANCE.validate(object.node());
		for (ValidationMessage message : report.getMessages()) {
			if (message.getLevel() == ValidationMessage.Level.ERROR && !acceptsNumbers(message)) {
				sink.report(object, Rule.SCHEMA, message.getMessage() + "; compare with 'kubectl explain "
						+ kind.toLowerCase(java.util.Locale.ROOT) + "'");
			}
		}
	}

	/**
	 * The bundled OpenAPI document types IntOrString and Quantity as strings, but the API
	 * server (and kubectl) accept plain numbers for both, e.g. {@code maxUnavailable: 0}
	 * or {@code cpu: 1}. Those messages are false positives.
	 */
	private static boolean acceptsNumbers(ValidationMessage message) {
		String schema = String.valueOf(message.getSchema());
		boolean numericType = schema.endsWith("io.k8s.apimachinery.pkg.util.intstr.IntOrString")
				|| schema.endsWith("io.k8s.apimachinery.pkg.api.resource.Quantity");
		return numericType && (message.getMessage().contains("Instance type (integer)")
				|| message.getMessage().contains("Instance type (number)"));
	}

	private static List<Path> yamlFiles(Path path) {
		if (!Files.exists(path)) {
			throw new IllegalArgumentException("No such file or folder: " + path);
		}
		if (!Files.isDirectory(path)) {
			return List.of(path);
		}
		try (Stream<Path> walk = Files.walk(path)) {
			return walk.filter(Files::isRegularFile).filter((file) -> {
				String name = file.getFileName().toString();
				return name.endsWith(".yaml") || name.endsWith(".yml");
			}).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list " + path, ex);
		}
	}

	private record Source(String name, String text) {
	}

	/** Holds the fabric8 validator: loading its OpenAPI document takes seconds. */
	private static final class SchemaValidator {

		static final Validator INSTANCE = Validator.newInstance();

	}

}
