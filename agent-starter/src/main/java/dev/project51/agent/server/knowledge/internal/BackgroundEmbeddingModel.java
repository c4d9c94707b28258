package dev.project51.agent.server.knowledge.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The local embedding model, loaded on a thread of its own while the rest of the
 * application starts: ONNX Runtime's session is built in native code, on the other core,
 * instead of in front of everything else. Every call waits for the model; and as a
 * singleton bean it holds the application context's refresh until the model is loaded, so
 * the application only reports ready (and a training run for a class data sharing archive
 * only stops) once a question can be embedded. A model that fails to load fails the
 * start.
 *
 * @since 0.1.0
 */
public final class BackgroundEmbeddingModel implements EmbeddingModel, SmartInitializingSingleton {

	private final String name;

	private final int dimension;

	private final CompletableFuture<EmbeddingModel> model;

	private BackgroundEmbeddingModel(String name, int dimension, CompletableFuture<EmbeddingModel> model) {
		this.name = name;
		this.dimension = dimension;
		this.model = model;
	}

	/**
	 * Starts loading a model on a new daemon thread.
	 * @param name the model's name
	 * @param dimension the dimension of its embeddings
	 * @param loader loads it
	 * @return the model, loading
	 */
	public static BackgroundEmbeddingModel load(String name, int dimension, Supplier<EmbeddingModel> loader) {
		CompletableFuture<EmbeddingModel> model = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				model.complete(loader.get());
			}
			catch (Throwable ex) {
				model.completeExceptionally(ex);
			}
		}, "project51-embedding-model-loader");
		thread.setDaemon(true);
		thread.start();
		return new BackgroundEmbeddingModel(name, dimension, model);
	}

	/**
	 * The all-MiniLM-L6-v2 model of {@link LocalEmbeddingModel}, loading.
	 * @return the model, loading
	 */
	public static BackgroundEmbeddingModel allMiniLmL6V2() {
		return load(LocalEmbeddingModel.NAME, LocalEmbeddingModel.DIMENSION, LocalEmbeddingModel::allMiniLmL6V2);
	}

	/**
	 * Waits until the model is loaded.
	 * @return the model
	 * @throws IllegalStateException if it could not be loaded
	 */
	public EmbeddingModel await() {
		try {
			return this.model.join();
		}
		catch (CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("Cannot load the embedding model " + this.name + ": " + cause.getMessage(),
					cause);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		await();
	}

	@Override
	public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
		return await().embedAll(textSegments);
	}

	@Override
	public Response<Embedding> embed(String text) {
		return await().embed(text);
	}

	@Override
	public Response<Embedding> embed(TextSegment textSegment) {
		return await().embed(textSegment);
	}

	@Override
	public int dimension() {
		return this.dimension;
	}

	@Override
	public String modelName() {
		return this.name;
	}

	@Override
	public String toString() {
		return this.name + (this.model.isDone() ? "" : " (loading)");
	}

}
