package dev.project51.agent.server.knowledge.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.langchain4j.data.embedding.Embedding;

/**
 * The embeddings of the texts embedded last, so that a text embedded again soon after
 * does not run through the model again: a turn answered by the local model embeds its
 * question once for the retrieval augmentor, once more for the model's own search, and
 * its tool matcher may ask a third time. Bounded, least recently used out first; texts
 * longer than a message are not kept. Thread-safe: two threads embedding the same text at
 * once both run the model.
 */
public final class RecentEmbeddings {

	/** Texts up to this length are kept: a question of the longest message allowed. */
	static final int MAX_TEXT_LENGTH = 4000;

	private final Map<String, float[]> entries;

	/**
	 * Keeps the embeddings of the last texts.
	 * @param capacity how many, at least 1
	 */
	public RecentEmbeddings(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * The embedding of a text: the one kept if the text was embedded recently, else the
	 * model's, then kept. Each call returns its own copy of the vector.
	 * @param text the text
	 * @param model embeds the text when it is not kept
	 * @return the embedding
	 */
	public Embedding embed(String text, Function<String, Embedding> model) {
		float[] kept;
		synchronized (this.entries) {
			kept = this.entries.get(text);
		}
		if (kept != null) {
			return Embedding.from(kept.clone());
		}
		Embedding embedding = model.apply(text);
		if (text.length() <= MAX_TEXT_LENGTH) {
			float[] copy = embedding.vector().clone();
			synchronized (this.entries) {
				this.entries.put(text, copy);
			}
		}
		return embedding;
	}

}
