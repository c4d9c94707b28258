package dev.project51.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files under test: examples/project51, which is what the archetype generates with
 * its defaults (a test of the archetype checks this byte for byte).
 */
public final class ReferenceDeployment {

	/** The namespace its manifests and deploy.sh use. */
	public static final String NAMESPACE = "project51-demo";

	private ReferenceDeployment() {
	}

	/**
	 * Returns the reference deployment's directory.
	 * @return examples/project51
	 */
	public static Path directory() {
		String configured = System.getProperty("project51.reference.deployment.dir");
		Path dir = (configured != null) ? Path.of(configured) : Path.of("../examples/project51");
		if (!Files.isRegularFile(dir.resolve("deploy.sh"))) {
			throw new IllegalStateException("no deploy.sh in " + dir.toAbsolutePath());
		}
		return dir.toAbsolutePath().normalize();
	}

	/**
	 * Returns the manifests of k8s/, sorted by name as kubectl applies a directory.
	 * @return the manifest files
	 */
	public static List<Path> manifests() {
		try (Stream<Path> files = Files.list(directory().resolve("k8s"))) {
			return files.filter((file) -> file.toString().endsWith(".yaml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Copies k8s/ into a folder with every image tagged with the given commit SHA, as
	 * deploy.sh applies it: the committed manifests carry a placeholder tag, which the
	 * namespace's admission policy refuses.
	 * @param target the folder to copy into (created if needed)
	 * @param sha the commit SHA to tag the images with (40 hex digits)
	 * @return the copied manifests, sorted by name
	 */
	public static List<Path> manifestsTaggedWith(Path target, String sha) {
		try {
			Files.createDirectories(target);
			for (Path manifest : manifests()) {
				String yaml = Files.readString(manifest)
					.replaceAll("(?m)^(\\s+image: [^\\s:]+(?::[0-9]+)?/[^\\s:]+):\\S+$", "$1:" + sha);
				Files.writeString(target.resolve(manifest.getFileName()), yaml);
			}
			try (Stream<Path> files = Files.list(target)) {
				return files.filter((file) -> file.toString().endsWith(".yaml")).sorted().toList();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns one file of the reference deployment.
	 * @param relative the path inside examples/project51
	 * @return the file
	 */
	public static Path file(String relative) {
		return directory().resolve(relative);
	}

}
