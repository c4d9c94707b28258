package dev.project51.archetype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a project directory that belong to it: everything but what its own
 * {@code .gitignore} ignores (build output, local data). The same simple patterns the
 * archetype build understands: {@code name/}, {@code name}, {@code *.ext}, {@code /path}.
 */
final class ProjectTree {

	private final Path root;

	private final List<String> patterns = new ArrayList<>(List.of(".git/"));

	ProjectTree(Path root) throws IOException {
		this.root = root;
		Path gitignore = root.resolve(".gitignore");
		if (Files.exists(gitignore)) {
			Files.readAllLines(gitignore)
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.forEach(this.patterns::add);
		}
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
			Path part = relative.subpath(0, i);
			boolean directory = i < relative.getNameCount();
			if (matches(part, directory)) {
				return true;
			}
		}
		return false;
	}

	private boolean matches(Path relative, boolean directory) {
		String path = relative.toString().replace('\\', '/');
		String name = relative.getFileName().toString();
		for (String pattern : this.patterns) {
			boolean directoryOnly = pattern.endsWith("/");
			String glob = directoryOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
			if (directoryOnly && !directory) {
				continue;
			}
			boolean anchored = glob.contains("/");
			glob = glob.startsWith("/") ? glob.substring(1) : glob;
			String regex = glob.replace(".", "\\.")
				.replace("**", "\u0000")
				.replace("*", "[^/]*")
				.replace("\u0000", ".*")
				.replace("?", "[^/]");
			if (anchored ? path.matches(regex) : name.matches(regex)) {
				return true;
			}
		}
		return false;
	}

}
