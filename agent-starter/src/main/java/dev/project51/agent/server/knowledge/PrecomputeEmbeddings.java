package dev.project51.agent.server.knowledge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.project51.agent.server.knowledge.internal.LocalEmbeddingModel;
import dev.project51.agent.server.knowledge.internal.PrecomputedEmbeddings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The build step that embeds the knowledge base once, at build time, so that the agent
 * does not at every start: it reads the Markdown documents of the class path, embeds each
 * passage with the local model and writes
 * {@code META-INF/project51/knowledge-embeddings.bin} into the given classes directory.
 * The agent uses an entry only for exactly the text it was made from; anything edited or
 * added later is embedded at start.
 * <p>
 * Usage: {@code PrecomputeEmbeddings <classes directory> [location pattern...]}; the
 * default pattern is {@code classpath*:knowledge/**}{@code /*.md}, the agent's default.
 *
 * @since 0.1.0
 */
public final class PrecomputeEmbeddings {

	private static final Logger logger = LoggerFactory.getLogger(PrecomputeEmbeddings.class);

	private PrecomputeEmbeddings() {
	}

	/**
	 * Runs the step.
	 * @param args the classes directory, then the location patterns
	 * @throws IOException if the file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			throw new IllegalArgumentException("Usage: PrecomputeEmbeddings <classes directory> [location pattern...]");
		}
		List<String> patterns = (args.length > 1) ? Arrays.asList(args).subList(1, args.length)
				: List.of("classpath*:knowledge/**/*.md");
		Path file = write(Path.of(args[0]), patterns, LocalEmbeddingModel.allMiniLmL6V2());
		logger.info("Precomputed the knowledge base's embeddings into {}", file);
	}

	/**
	 * Embeds the passages of the documents at the patterns and writes them.
	 * @param classes the classes directory
	 * @param patterns the documents' location patterns
	 * @param model the local model
	 * @return the file written
	 * @throws IOException if the file cannot be written
	 */
	static Path write(Path classes, List<String> patterns, EmbeddingModel model) throws IOException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		KnowledgeBase.Builder builder = KnowledgeBase.builder(model);
		patterns.forEach((pattern) -> builder.resources(resolver, pattern));
		List<String> texts = builder.embeddingInputs();
		List<float[]> vectors = texts.isEmpty() ? List.of()
				: model.embedAll(texts.stream().map(TextSegment::from).toList())
					.content()
					.stream()
					.map((embedding) -> embedding.vector())
					.toList();
		Path file = classes.resolve(PrecomputedEmbeddings.LOCATION);
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file)) {
			PrecomputedEmbeddings.write(out, LocalEmbeddingModel.NAME, texts, vectors);
		}
		return file;
	}

}
