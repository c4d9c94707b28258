package dev.project51.archetype;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.project51.k8s.delivery.AgentProvider;
import dev.project51.k8s.delivery.DeliveryFiles;
import dev.project51.k8s.delivery.DeliverySettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every {@code aiProvider}, the generated render.yaml is what project51-k8s-templates
 * renders for that provider (so the generated project's own tests pass), and render.yaml,
 * compose.yaml and the README name exactly that provider's variables and no other
 * provider's. Generation only, for the providers whose projects no other test checks this
 * way: the default (openai) is the example itself (ReferenceDeploymentIT), and
 * GeneratedProjectIT checks the anthropic project's files; openai-compatible, which
 * ReadmeWalkthroughIT builds, is checked here too because its README must not name the
 * openai provider's look-alike variables.
 */
class ProviderVariantsIT {

	private final Path workdir = Path.of(System.getProperty("project51.workdir", "target/it"));

	@ParameterizedTest
	@EnumSource(value = AgentProvider.class, names = { "GEMINI", "LOCAL", "OPENAI_COMPATIBLE" })
	void deliveryFilesAndReadmeNameExactlyTheChosenProvidersVariables(AgentProvider provider) throws Exception {
		Path directory = this.workdir.resolve("provider-" + provider.id());
		ReferenceDeploymentIT.deleteRecursively(directory);
		Maven.Result result = new Maven(this.workdir).generate(directory,
				Map.of("aiProvider", provider.id(), "awsRegion", "ap-southeast-2"), "provider-" + provider.id());
		assertThat(result.succeeded()).as("archetype:generate, see %s", result.log()).isTrue();
		Path project = directory.resolve("project51-demo");

		DeliverySettings settings = DeliverySettings.builder()
			.appName("project51-demo")
			.imageRepository("docker.io/project51")
			.aiProvider(provider)
			.renderRegion("singapore")
			.build();
		assertThat(project.resolve("render.yaml")).content()
			.isEqualTo(DeliveryFiles.contents(settings).get(DeliveryFiles.RENDER_BLUEPRINT));
		assertThat(
				project.resolve("delivery/src/main/java/com/example/project51demo/delivery/DeliveryConfiguration.java"))
			.content()
			.contains(".aiProvider(\"" + provider.id() + "\")")
			.contains(".renderRegion(\"singapore\")");

		List<String> files = List.of("render.yaml", "compose.yaml", "README.md");
		List<String> others = new ArrayList<>();
		for (AgentProvider other : AgentProvider.values()) {
			if (other != provider) {
				other.variables().forEach((variable) -> others.add(variable.name()));
			}
		}
		others.removeIf((name) -> provider.variables().stream().anyMatch((mine) -> mine.name().equals(name)));
		for (String file : files) {
			String text = Files.readString(project.resolve(file));
			for (String name : others) {
				assertThat(text).as("%s names another provider's %s", file, name)
					.doesNotContainPattern("\\b" + name + "\\b");
			}
		}
		String compose = Files.readString(project.resolve("compose.yaml"));
		assertThat(compose).contains("AI_PROVIDER: " + provider.id() + "\n");
		provider.variables().forEach((variable) -> assertThat(compose).contains("      " + variable.name() + ": "));
		String readme = Files.readString(project.resolve("README.md"));
		provider.variables()
			.stream()
			.filter((variable) -> variable.secret() || variable.required())
			.forEach((variable) -> assertThat(readme).as("README.md").contains(variable.name()));
	}

}
