package dev.project51.agent.server.knowledge.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link BackgroundEmbeddingModel}: calls wait for the model, and a model that cannot be
 * loaded fails the context's refresh with the reason.
 */
class BackgroundEmbeddingModelTests {

	@Test
	void embedsWithTheLoadedModel() {
		BackgroundEmbeddingModel model = BackgroundEmbeddingModel.allMiniLmL6V2();
		assertThat(model.dimension()).isEqualTo(LocalEmbeddingModel.DIMENSION);
		assertThat(model.modelName()).isEqualTo(LocalEmbeddingModel.NAME);
		model.afterSingletonsInstantiated();
		assertThat(model.embed("How do I roll back?").content().vector()).hasSize(LocalEmbeddingModel.DIMENSION);
	}

	@Test
	void aModelThatCannotBeLoadedFailsTheRefreshAndEveryCall() {
		BackgroundEmbeddingModel model = BackgroundEmbeddingModel.load("broken", 3, () -> {
			throw new IllegalStateException("no model file");
		});
		assertThatIllegalStateException().isThrownBy(model::afterSingletonsInstantiated)
			.withMessage("Cannot load the embedding model broken: no model file");
		assertThatIllegalStateException().isThrownBy(() -> model.embed("text"));
	}

	@Test
	void callsWaitForTheModel() {
		EmbeddingModel slow = new EmbeddingModel() {
			@Override
			public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
				return Response.from(segments.stream().map((segment) -> Embedding.from(new float[] { 1, 0 })).toList());
			}
		};
		CountDownLatch loaded = new CountDownLatch(1);
		BackgroundEmbeddingModel model = BackgroundEmbeddingModel.load("slow", 2, () -> {
			try {
				loaded.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return slow;
		});
		CompletableFuture<float[]> call = CompletableFuture.supplyAsync(() -> model.embed("text").content().vector());
		assertThat(call).isNotDone();
		loaded.countDown();
		assertThat(call.join()).containsExactly(1, 0);
	}

}
