package dev.project51.kubernetes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kwok stages a {@link ControlPlane} applies to make pods of chosen images never
 * Ready or never pulled, while kwok's own pod-ready stage keeps every other pod Ready.
 */
final class KwokStages {

	private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]*");

	private final ControlPlane controlPlane;

	private List<String> neverReady = List.of();

	private List<String> imageNotPulled = List.of();

	KwokStages(ControlPlane controlPlane) {
		this.controlPlane = controlPlane;
	}

	/** See {@link ControlPlane#podsNeverReady}. */
	synchronized void neverReady(String... images) {
		this.neverReady = validImages(images);
		apply("pod-never-ready-stage.yaml", "never-ready.invalid/none", this.neverReady);
		keepPodReadyStageAway();
	}

	/** See {@link ControlPlane#podsImageNotPulled}. */
	synchronized void imageNotPulled(String... images) {
		this.imageNotPulled = validImages(images);
		apply("pod-image-not-pulled-stage.yaml", "not-pulled.invalid/none", this.imageNotPulled);
		keepPodReadyStageAway();
	}

	private static List<String> validImages(String... images) {
		for (String image : images) {
			if (!IMAGE.matcher(image).matches()) {
				throw new IllegalArgumentException("not an image reference: '" + image + "'");
			}
		}
		return List.of(images);
	}

	private void apply(String resource, String placeholder, List<String> images) {
		List<String> values = new ArrayList<>();
		values.add(placeholder);
		values.addAll(images);
		String stage = readResource(resource).replace("IMAGES", json(values));
		this.controlPlane.kubectlWithInput(stage, "apply", "--server-side", "--force-conflicts", "-f", "-").orThrow();
	}

	/**
	 * Keeps kwok's own pod-ready stage away from the pods of the images the other stages
	 * handle: start.sh adds the expression, this fills in its values.
	 */
	private void keepPodReadyStageAway() {
		List<String> values = new ArrayList<>();
		values.add("never-ready.invalid/none");
		values.addAll(this.neverReady);
		values.addAll(this.imageNotPulled);
		List<String> keys = List.of(this.controlPlane
			.kubectl("get", "stage", "pod-ready", "-o",
					"jsonpath={range .spec.selector.matchExpressions[*]}{.key}{\"\\n\"}{end}")
			.orThrow()
			.stdout()
			.split("\n"));
		int index = keys.indexOf(".spec.containers.[0].image");
		if (index < 0) {
			throw new ControlPlaneException(
					"kwok's pod-ready stage has no image expression (start.sh adds it): " + keys);
		}
		this.controlPlane
			.kubectl("patch", "stage", "pod-ready", "--type", "json", "-p",
					"[{\"op\": \"replace\", \"path\": \"/spec/selector/matchExpressions/" + index
							+ "/values\", \"value\": " + json(values) + "}]")
			.orThrow();
	}

	private static String json(List<String> values) {
		return values.stream().map((value) -> "\"" + value + "\"").collect(Collectors.joining(", ", "[", "]"));
	}

	private static String readResource(String name) {
		try (var in = KwokStages.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
