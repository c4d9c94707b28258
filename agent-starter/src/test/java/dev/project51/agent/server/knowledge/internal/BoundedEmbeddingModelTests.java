package dev.project51.agent.server.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class BoundedEmbeddingModelTests {

	@Test
	void runsAtMostTheBoundAtOnceAndServesEveryCaller() throws InterruptedException {
		GatedModel gated = new GatedModel();
		EmbeddingModel bounded = new BoundedEmbeddingModel(gated, 2);
		List<Thread> callers = new ArrayList<>();
		List<float[]> answers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Thread caller = new Thread(() -> {
				float[] vector = bounded.embed("question").content().vector();
				synchronized (answers) {
					answers.add(vector);
				}
			});
			caller.start();
			callers.add(caller);
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> gated.inFlight.get() == 2);
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> callers.stream().filter((caller) -> caller.getState() == Thread.State.WAITING).count() >= 4);
		assertThat(gated.inFlight.get()).as("embeddings running while four callers wait").isEqualTo(2);
		gated.open.countDown();
		for (Thread caller : callers) {
			caller.join(10_000);
		}
		assertThat(answers).hasSize(6).allSatisfy((vector) -> assertThat(vector).containsExactly(1f, 2f));
		assertThat(gated.mostAtOnce.get()).isEqualTo(2);
	}

	@Test
	void keepsTheModelsDimensionAndName() {
		EmbeddingModel bounded = new BoundedEmbeddingModel(new GatedModel(), 1);
		assertThat(bounded.dimension()).isEqualTo(2);
		assertThat(bounded.modelName()).isEqualTo("gated");
	}

	@Test
	void rejectsABoundBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BoundedEmbeddingModel(new GatedModel(), 0))
			.withMessageContaining("concurrentRuns must be at least 1, was 0");
	}

	/** A model whose embeddings wait for the test to open the gate. */
	private static final class GatedModel implements EmbeddingModel {

		final CountDownLatch open = new CountDownLatch(1);

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		@Override
		public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
			int now = this.inFlight.incrementAndGet();
			this.mostAtOnce.accumulateAndGet(now, Math::max);
			try {
				this.open.await();
				return Response
					.from(textSegments.stream().map((segment) -> Embedding.from(new float[] { 1f, 2f })).toList());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		}

		@Override
		public int dimension() {
			return 2;
		}

		@Override
		public String modelName() {
			return "gated";
		}

	}

}
