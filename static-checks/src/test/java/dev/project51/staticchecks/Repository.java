package dev.project51.staticchecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files under check: this repository's workflows, its workflow template and the
 * reference deployment (what the archetype generates with its defaults).
 */
final class Repository {

	private Repository() {
	}

	/**
	 * Returns the repository's root directory.
	 * @return the root (system property {@code project51.repository.root}, else the
	 * parent of the working directory)
	 */
	static Path root() {
		Path root = Path.of(System.getProperty("project51.repository.root", "..")).toAbsolutePath().normalize();
		if (!Files.isRegularFile(root.resolve("static-checks/tools/install.sh"))) {
			throw new IllegalStateException("no static-checks/tools/install.sh in " + root
					+ "; set the system property project51.repository.root");
		}
		return root;
	}

	/**
	 * Returns the reference deployment.
	 * @return examples/project51
	 */
	static Path example() {
		return root().resolve("examples/project51");
	}

	/**
	 * Returns a directory for the tests' own files, created if needed.
	 * @param name the sub-directory
	 * @return target/static-checks/name
	 */
	static Path workDirectory(String name) {
		Path dir = Path.of(System.getProperty("project51.workdir", "target/static-checks")).toAbsolutePath();
		try {
			return Files.createDirectories(dir.resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns every workflow of this repository: {@code .github/workflows/*.yml}, the
	 * workflow templates of {@code .github/workflow-templates/} and the reference
	 * deployment's {@code .github/workflows/main.yml}.
	 * @return the workflow files, sorted
	 */
	static List<Path> workflows() {
		Path root = root();
		List<Path> workflows = new java.util.ArrayList<>();
		workflows.addAll(yamlFiles(root.resolve(".github/workflows")));
		workflows.addAll(yamlFiles(root.resolve(".github/workflow-templates")));
		workflows.addAll(yamlFiles(example().resolve(".github/workflows")));
		return workflows;
	}

	/**
	 * Returns the YAML files of a directory (not its sub-directories), sorted.
	 * @param dir the directory
	 * @return the {@code .yml} and {@code .yaml} files
	 */
	static List<Path> yamlFiles(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a path relative to the repository root, for messages.
	 * @param file the file
	 * @return its path relative to the root, or the absolute path outside it
	 */
	static String relative(Path file) {
		Path root = root();
		Path absolute = file.toAbsolutePath().normalize();
		return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
	}

}
