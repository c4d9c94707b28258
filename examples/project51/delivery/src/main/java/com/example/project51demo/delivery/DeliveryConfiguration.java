package com.example.project51demo.delivery;

import java.nio.file.Path;

import dev.project51.k8s.delivery.DeliveryFiles;
import dev.project51.k8s.delivery.DeliverySettings;

/**
 * The one place the delivery files of this project are configured: {@code k8s/}, {@code deploy.sh},
 * {@code render.yaml}, {@code kind-config.yaml} and {@code .github/workflows/main.yml} are rendered from these
 * settings by project51-k8s-templates. Change a setting here, then re-render and commit the result:
 *
 * <pre>mvn -q -pl delivery compile exec:java</pre>
 *
 * The tests fail while a committed file differs from what these settings render.
 */
public final class DeliveryConfiguration {

	private DeliveryConfiguration() {
	}

	/**
	 * The delivery settings of this project.
	 * @return the settings
	 */
	public static DeliverySettings settings() {
		return DeliverySettings.builder()
			.appName("project51-demo")
			.imageRepository("docker.io/project51")
			// The agent's model provider: render.yaml names exactly its variables.
			.aiProvider("openai")
			// Render's region nearest to the host's AWS region (us-east-1).
			.renderRegion("virginia")
			.build();
	}

	/**
	 * Renders the delivery files into the project directory.
	 * @param args the project directory (default: the parent of the working directory's {@code delivery})
	 */
	public static void main(String[] args) {
		Path project = Path.of((args.length > 0) ? args[0] : "..").toAbsolutePath().normalize();
		for (Path file : DeliveryFiles.render(settings(), project)) {
			System.out.println("rendered " + file);
		}
	}

}
