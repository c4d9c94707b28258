package dev.project51.agent.server.knowledge.internal;

import java.util.List;
import java.util.concurrent.Semaphore;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/**
 * An embedding model that runs at most a fixed number of embeddings at once; further
 * callers wait their turn. The in-process model runs each embedding on all cores already
 * (ONNX Runtime's intra-op threads), so more runs at once than cores do not finish
 * sooner, while each brings its own native buffers: 64 concurrent questions grew the
 * agent by hundreds of MiB outside the heap.
 */
final class BoundedEmbeddingModel implements EmbeddingModel {

	private final EmbeddingModel model;

	private final Semaphore runs;

	/**
	 * Bounds a model.
	 * @param model the model
	 * @param concurrentRuns how many embeddings may run at once, at least 1
	 */
	BoundedEmbeddingModel(EmbeddingModel model, int concurrentRuns) {
		if (concurrentRuns < 1) {
			throw new IllegalArgumentException("concurrentRuns must be at least 1, was " + concurrentRuns);
		}
		this.model = model;
		this.runs = new Semaphore(concurrentRuns, true);
	}

	@Override
	public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
		this.runs.acquireUninterruptibly();
		try {
			return this.model.embedAll(textSegments);
		}
		finally {
			this.runs.release();
		}
	}

	@Override
	public int dimension() {
		return this.model.dimension();
	}

	@Override
	public String modelName() {
		return this.model.modelName();
	}

}
