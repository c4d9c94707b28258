package dev.project51.agent.server.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link LocalEmbeddingModel}: the same embeddings as LangChain4j's loader, without the
 * files left behind.
 */
class LocalEmbeddingModelTests {

	@TempDir
	Path temp;

	@Test
	void embedsExactlyAsLangChain4jsOwnLoader() throws IOException {
		Path directory = Files.createDirectory(this.temp.resolve("model"));
		EmbeddingModel loaded = LocalEmbeddingModel.allMiniLmL6V2(directory);
		EmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
		List<TextSegment> texts = List.of(TextSegment.from("How do I roll back a bad deploy?"),
				TextSegment.from("kubectl rollout undo deployment/frontend"), TextSegment.from("é ✓ 日本語"));
		List<Embedding> actual = loaded.embedAll(texts).content();
		List<Embedding> expected = reference.embedAll(texts).content();
		assertThat(loaded.dimension()).isEqualTo(384);
		for (int i = 0; i < texts.size(); i++) {
			float[] a = actual.get(i).vector();
			float[] e = expected.get(i).vector();
			assertThat(a).hasSize(384);
			for (int d = 0; d < a.length; d++) {
				assertThat(a[d]).isCloseTo(e[d], within(1e-5f));
			}
		}
	}

	@Test
	void leavesNoFilesBehind() throws IOException {
		Path directory = Files.createDirectory(this.temp.resolve("model"));
		LocalEmbeddingModel.allMiniLmL6V2(directory);
		assertThat(directory).doesNotExist();
	}

	@Test
	void anUnwritableDirectoryIsAClearError() {
		Path missing = this.temp.resolve("missing");
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> LocalEmbeddingModel.allMiniLmL6V2(missing))
			.withMessageContaining("Cannot copy " + LocalEmbeddingModel.MODEL);
	}

	@Test
	void loadsInAHeapSmallerThanTheModel() throws Exception {
		// LangChain4j's own loader needs several times the 23 MB model in heap; this one
		// loads and embeds in a JVM whose whole heap is 32 MB.
		assertThat(runWithHeap("32m", LoadInSmallHeap.class)).isZero();
	}

	@Test
	void langChain4jsOwnLoaderDoesNotFitThatHeap() throws Exception {
		// The reason this class exists; when this fails, LangChain4j has fixed its
		// loader and LocalEmbeddingModel can go.
		assertThat(runWithHeap("32m", LoadWithLangChain4j.class)).isNotZero();
		assertThat(this.temp.resolve(LoadWithLangChain4j.class.getSimpleName() + ".log")).content()
			.contains("OutOfMemoryError");
	}

	@Test
	void withoutAWritableTemporaryDirectoryTheErrorSaysWhatToDo() throws Exception {
		assertThat(run("512m", this.temp.resolve("missing"), LoadWithoutTemporaryDirectory.class)).isNotZero();
		assertThat(this.temp.resolve(LoadWithoutTemporaryDirectory.class.getSimpleName() + ".log")).content()
			.contains("Cannot create a directory for the embedding model in java.io.tmpdir",
					"make it writable, ONNX Runtime needs it too");
	}

	private int runWithHeap(String heap, Class<?> main) throws Exception {
		return run(heap, this.temp, main);
	}

	private int run(String heap, Path tmpdir, Class<?> main) throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path output = this.temp.resolve(main.getSimpleName() + ".log");
		Process process = new ProcessBuilder(java.toString(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
				"-Djava.io.tmpdir=" + tmpdir, "-cp", System.getProperty("java.class.path"), main.getName())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError(main.getSimpleName() + " did not end within 2 minutes");
		}
		return process.exitValue();
	}

	/** Loads the model the way the agent does and embeds one text. */
	static final class LoadInSmallHeap {

		public static void main(String[] args) {
			float[] vector = LocalEmbeddingModel.allMiniLmL6V2().embed("roll back").content().vector();
			System.exit(vector.length == 384 ? 0 : 2);
		}

	}

	/** Loads the model as the agent does. */
	static final class LoadWithoutTemporaryDirectory {

		public static void main(String[] args) {
			LocalEmbeddingModel.allMiniLmL6V2();
		}

	}

	/** Loads the model with LangChain4j's loader and embeds one text. */
	static final class LoadWithLangChain4j {

		public static void main(String[] args) {
			float[] vector = new AllMiniLmL6V2QuantizedEmbeddingModel().embed("roll back").content().vector();
			System.exit(vector.length == 384 ? 0 : 2);
		}

	}

}
