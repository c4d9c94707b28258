package dev.project51.archetype;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archetype, run with its default properties, generates {@code examples/project51}
 * byte for byte: the example is the single source of truth, and any drift between the two
 * fails the build.
 */
class ReferenceDeploymentIT {

	private final Path workdir = Path.of(System.getProperty("project51.workdir", "target/it"));

	@Test
	void defaultPropertiesReproduceTheReferenceDeployment() throws Exception {
		Path directory = this.workdir.resolve("defaults");
		deleteRecursively(directory);
		Maven.Result result = new Maven(this.workdir).generate(directory, Map.of(), "generate-defaults");
		assertThat(result.succeeded()).as("archetype:generate with defaults, see %s", result.log()).isTrue();
		assertThat(result.output()).as("a SNAPSHOT archetype warns that the project builds only where it is installed")
			.contains("WARNING: Project51 " + System.getProperty("project51.archetype.version")
					+ " is a development snapshot, on no public Maven repository. This project builds")
			.contains("WARNING: only where that snapshot is installed");

		Path example = Path.of(System.getProperty("project51.example"));
		Path generated = directory.resolve("project51-demo");
		Map<String, Path> expected = new ProjectTree(example).files();
		Map<String, Path> actual = new ProjectTree(generated).files();

		assertThat(actual.keySet()).as("files generated with the default properties").isEqualTo(expected.keySet());
		List<String> differentContent = new ArrayList<>();
		List<String> differentMode = new ArrayList<>();
		for (Map.Entry<String, Path> entry : expected.entrySet()) {
			Path generatedFile = actual.get(entry.getKey());
			if (Files.mismatch(entry.getValue(), generatedFile) != -1) {
				differentContent.add(entry.getKey());
			}
			if (Files.isExecutable(entry.getValue()) != Files.isExecutable(generatedFile)) {
				differentMode.add(entry.getKey());
			}
		}
		assertThat(differentContent)
			.as("files whose generated content differs from examples/project51 (compare %s)", generated)
			.isEmpty();
		assertThat(differentMode).as("files whose execute bit differs from examples/project51").isEmpty();
	}

	static void deleteRecursively(Path path) throws java.io.IOException {
		if (Files.exists(path)) {
			try (var walk = Files.walk(path)) {
				for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
	}

}
