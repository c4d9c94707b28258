package dev.project51.agent.server.knowledge.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.project51.agent.server.knowledge.KnowledgeBase;
import dev.project51.agent.server.knowledge.KnowledgeMatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Knowledge-base embeddings computed at build time: the ones this module's build ships
 * are what the model produces for its documents today, a passage edited since the build
 * is embedded at start instead, and another model's embeddings are never used.
 */
class PrecomputedEmbeddingsTests {

	private static EmbeddingModel model;

	@TempDir
	Path temp;

	@BeforeAll
	static void loadModel() {
		model = LocalEmbeddingModel.allMiniLmL6V2();
	}

	@Test
	void theBuildShipsTheModelsEmbeddingOfEveryPassageOfTheStartersDocuments() {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		PrecomputedEmbeddings shipped = PrecomputedEmbeddings.load(resolver, PrecomputedEmbeddings.PATTERN,
				LocalEmbeddingModel.NAME);
		List<String> passages = KnowledgeBase.builder(model)
			.resources(resolver, "classpath*:knowledge/**/*.md")
			.embeddingInputs();
		assertThat(passages).hasSizeGreaterThan(50);
		for (String passage : passages) {
			float[] precomputed = shipped.get(passage);
			assertThat(precomputed).as("precomputed (stale? run mvn process-classes): %s", passage).isNotNull();
			assertClose(precomputed, model.embed(passage).content().vector());
		}
	}

	@Test
	void onlyPassagesWithoutAnEntryForTheirExactTextAreEmbeddedAtStart() throws IOException {
		String rollingBack = "# Rolling back\n\n## With the script\n\nRun `deploy.sh --rollback`.\n\n"
				+ "## By hand\n\nRedeploy the previous image.\n";
		String failover = "# Failover\n\n## Order\n\nThe local model answers when every provider fails.\n";
		ClassLoader classes = classesWith(KnowledgeBase.builder(model)
			.markdown("rolling-back.md", rollingBack)
			.markdown("failover.md", failover));
		RecordingModel recording = new RecordingModel(model);
		String edited = failover.replace("every provider fails", "every provider has failed");

		KnowledgeBase knowledge = KnowledgeBase.builder(recording)
			.precomputedEmbeddings(new PathMatchingResourcePatternResolver(classes), LocalEmbeddingModel.NAME)
			.markdown("rolling-back.md", rollingBack)
			.markdown("failover.md", edited)
			.build();

		assertThat(recording.embedded)
			.containsExactlyElementsOf(KnowledgeBase.builder(model).markdown("failover.md", edited).embeddingInputs());
		List<KnowledgeMatch> matches = knowledge.search("How do I roll back with the script?", 1, 0.5);
		assertThat(matches).extracting(KnowledgeMatch::section).containsExactly("With the script");
	}

	@Test
	void embeddingsOfAnotherModelAreNotUsed() throws IOException {
		String text = "# Notes\n\n## One\n\nSomething to remember.\n";
		ClassLoader classes = classesWith(KnowledgeBase.builder(model).markdown("notes.md", text));
		RecordingModel recording = new RecordingModel(model);
		KnowledgeBase.builder(recording)
			.precomputedEmbeddings(new PathMatchingResourcePatternResolver(classes), "another-model")
			.markdown("notes.md", text)
			.build();
		assertThat(recording.embedded).hasSize(1);
	}

	@Test
	void readsWhatItWrites() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrecomputedEmbeddings.write(out, "m", List.of("a", "b"), List.of(new float[] { 1, 2 }, new float[] { 3, 4 }));
		Map<String, float[]> read = new HashMap<>();
		PrecomputedEmbeddings.read(new ByteArrayInputStream(out.toByteArray()), "m", read);
		assertThat(read).hasSize(2);
		assertThat(read.get(PrecomputedEmbeddings.key("m", "b"))).containsExactly(3, 4);
		Map<String, float[]> ofAnotherModel = new HashMap<>();
		PrecomputedEmbeddings.read(new ByteArrayInputStream(out.toByteArray()), "n", ofAnotherModel);
		assertThat(ofAnotherModel).isEmpty();
	}

	/**
	 * A class loader whose classpath holds the precomputed embeddings of the builder's
	 * documents.
	 */
	private ClassLoader classesWith(KnowledgeBase.Builder documents) throws IOException {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		List<String> texts = documents.embeddingInputs();
		List<float[]> vectors = new ArrayList<>();
		texts.forEach((text) -> vectors.add(model.embed(text).content().vector()));
		Path file = classes.resolve(PrecomputedEmbeddings.LOCATION);
		Files.createDirectories(file.getParent());
		try (var out = Files.newOutputStream(file)) {
			PrecomputedEmbeddings.write(out, LocalEmbeddingModel.NAME, texts, vectors);
		}
		return new URLClassLoader(new URL[] { classes.toUri().toURL() }, null);
	}

	private static void assertClose(float[] actual, float[] expected) {
		assertThat(actual).hasSize(expected.length);
		for (int d = 0; d < expected.length; d++) {
			assertThat(actual[d]).isCloseTo(expected[d], within(1e-5f));
		}
	}

	/** The real model, remembering what it was asked to embed. */
	private static final class RecordingModel implements EmbeddingModel {

		private final EmbeddingModel delegate;

		private final List<String> embedded = Collections.synchronizedList(new ArrayList<>());

		RecordingModel(EmbeddingModel delegate) {
			this.delegate = delegate;
		}

		@Override
		public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
			segments.forEach((segment) -> this.embedded.add(segment.text()));
			return this.delegate.embedAll(segments);
		}

	}

}
