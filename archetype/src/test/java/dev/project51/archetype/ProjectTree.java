package dev.project51.archetype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a project directory that belong to it: everything but what its own
 * {@code .gitignore} ignores (build output, local data), read by the archetype build's
 * own rules ({@link GenerateArchetypeResources.Ignore}).
 */
final class ProjectTree {

	private final Path root;

	private final GenerateArchetypeResources.Ignore ignore;

	ProjectTree(Path root) throws IOException {
		this.root = root;
		this.ignore = GenerateArchetypeResources.Ignore.read(root.resolve(".gitignore"));
	}

	/**
	 * The project's files by relative path (with {@code /} separators).
	 * @return the files, sorted
	 */
	Map<String, Path> files() throws IOException {
		Map<String, Path> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(this.root)) {
			walk.filter(Files::isRegularFile).forEach((file) -> {
				Path relative = this.root.relativize(file);
				if (!ignored(relative)) {
					files.put(relative.toString().replace('\\', '/'), file);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		return files;
	}

	private boolean ignored(Path relative) {
		for (int i = 1; i <= relative.getNameCount(); i++) {
			if (this.ignore.ignores(relative.subpath(0, i), i < relative.getNameCount())) {
				return true;
			}
		}
		return false;
	}

}
