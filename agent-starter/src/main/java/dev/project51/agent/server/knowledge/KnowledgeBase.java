package dev.project51.agent.server.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.project51.agent.contract.BidiControls;
import dev.project51.agent.server.knowledge.internal.PrecomputedEmbeddings;
import dev.project51.agent.server.knowledge.internal.RecentEmbeddings;
import dev.project51.agent.server.knowledge.internal.Words;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The agent's knowledge base: Markdown documents split into sections, embedded in-process
 * and searched by meaning. Each section is one searchable passage; its text is kept
 * verbatim so answers can quote it.
 *
 * @since 0.1.0
 */
public final class KnowledgeBase {

	/** Metadata key of a segment's document source. */
	public static final String SOURCE = "source";

	/** Metadata key of a segment's document title. */
	public static final String TITLE = "title";

	/** Metadata key of a segment's section heading. */
	public static final String SECTION = "section";

	/** How many more candidates than asked for are re-ranked. */
	private static final int CANDIDATE_FACTOR = 3;

	/**
	 * Weight of the share of the question's words found in a passage, added to the
	 * semantic relevance when ranking (not when filtering by the minimum score).
	 */
	private static final double LEXICAL_WEIGHT = 0.1;

	/**
	 * How many recent texts keep their embedding: more than the questions that start
	 * between a turn's first and last search of its question at a few hundred concurrent
	 * turns.
	 */
	private static final int RECENT_TEXTS = 256;

	private static final Logger logger = LoggerFactory.getLogger(KnowledgeBase.class);

	private final EmbeddingModel embeddingModel;

	private final InMemoryEmbeddingStore<TextSegment> store;

	private final List<KnowledgeDocument> documents;

	private final RecentEmbeddings recent = new RecentEmbeddings(RECENT_TEXTS);

	private KnowledgeBase(EmbeddingModel embeddingModel, InMemoryEmbeddingStore<TextSegment> store,
			List<KnowledgeDocument> documents) {
		this.embeddingModel = embeddingModel;
		this.store = store;
		this.documents = List.copyOf(documents);
	}

	/**
	 * A builder for a knowledge base.
	 * @param embeddingModel the model that embeds passages and questions
	 * @return a new builder
	 */
	public static Builder builder(EmbeddingModel embeddingModel) {
		return new Builder(embeddingModel);
	}

	/**
	 * The documents, in source order.
	 * @return the documents
	 */
	public List<KnowledgeDocument> documents() {
		return this.documents;
	}

	/**
	 * Whether the knowledge base has no passage at all.
	 * @return {@code true} if empty
	 */
	public boolean isEmpty() {
		return this.store.isEmpty();
	}

	/**
	 * The passages that best match a question, best first: the candidates above the
	 * minimum semantic relevance, ranked by relevance plus a small bonus for the share of
	 * the question's words they contain.
	 * @param question the question
	 * @param maxResults the most passages to return
	 * @param minScore the least relevance in {@code [0, 1]} a passage needs
	 * @return the matches, possibly empty
	 */
	public List<KnowledgeMatch> search(String question, int maxResults, double minScore) {
		if (question == null || question.isBlank() || this.store.isEmpty()) {
			return List.of();
		}
		Embedding query;
		try {
			query = embed(question);
		}
		catch (IllegalArgumentException ex) {
			// Text the tokenizer drops entirely (format and control characters such as
			// U+FEFF or U+200B, lone surrogates): nothing to search for.
			return List.of();
		}
		EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
			.queryEmbedding(query)
			.maxResults(maxResults * CANDIDATE_FACTOR)
			.minScore(minScore)
			.build();
		Set<String> questionWords = Words.of(question);
		List<KnowledgeMatch> matches = new ArrayList<>();
		Map<KnowledgeMatch, Double> rank = new HashMap<>();
		for (EmbeddingMatch<TextSegment> match : this.store.search(request).matches()) {
			TextSegment segment = match.embedded();
			Metadata metadata = segment.metadata();
			KnowledgeMatch knowledgeMatch = new KnowledgeMatch(metadata.getString(SOURCE), metadata.getString(TITLE),
					metadata.getString(SECTION), segment.text(), match.score());
			matches.add(knowledgeMatch);
			rank.put(knowledgeMatch, match.score() + LEXICAL_WEIGHT * overlap(questionWords,
					metadata.getString(TITLE) + " " + metadata.getString(SECTION) + " " + segment.text()));
		}
		matches.sort(Comparator.comparingDouble((KnowledgeMatch match) -> rank.get(match)).reversed());
		return List.copyOf(matches.subList(0, Math.min(maxResults, matches.size())));
	}

	private static double overlap(Set<String> questionWords, String passage) {
		if (questionWords.isEmpty()) {
			return 0;
		}
		Set<String> passageWords = Words.of(passage);
		return (double) questionWords.stream().filter(passageWords::contains).count() / questionWords.size();
	}

	/**
	 * Embeds a text with the knowledge base's model; a text embedded shortly before (the
	 * same question searched again within a turn) is not run through the model again.
	 * @param text the text
	 * @return its embedding
	 */
	public Embedding embed(String text) {
		return this.recent.embed(text, (question) -> this.embeddingModel.embed(question).content());
	}

	/**
	 * Relevance of two embeddings, on the same scale as {@link KnowledgeMatch#score()}.
	 * @param a an embedding
	 * @param b another embedding
	 * @return relevance in {@code [0, 1]}
	 */
	public static double relevance(Embedding a, Embedding b) {
		return RelevanceScore.fromCosineSimilarity(CosineSimilarity.between(a, b));
	}

	/**
	 * Builds a {@link KnowledgeBase}.
	 */
	public static final class Builder {

		private final EmbeddingModel embeddingModel;

		private final Map<String, String> markdown = new LinkedHashMap<>();

		private PrecomputedEmbeddings precomputed;

		private Builder(EmbeddingModel embeddingModel) {
			this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel must not be null");
		}

		/**
		 * Adds a Markdown document.
		 * @param source its stable identifier, e.g. {@code knowledge/rolling-back.md}
		 * @param text its Markdown text
		 * @return this builder
		 */
		public Builder markdown(String source, String text) {
			if (source == null || source.isBlank()) {
				throw new IllegalArgumentException("source must not be blank, but was '" + source + "'");
			}
			this.markdown.put(source, Objects.requireNonNull(text, "text must not be null"));
			return this;
		}

		/**
		 * Adds every Markdown document matching a location pattern, e.g.
		 * {@code classpath*:knowledge/**}{@code /*.md}. A document's source is its path
		 * relative to the classpath root when it can be found, else its file name.
		 * @param resolver the resolver
		 * @param locationPattern the pattern
		 * @return this builder
		 */
		public Builder resources(ResourcePatternResolver resolver, String locationPattern) {
			try {
				Resource[] resources = resolver.getResources(locationPattern);
				for (Resource resource : resources) {
					if (!resource.isReadable()) {
						continue;
					}
					try (InputStream in = resource.getInputStream()) {
						markdown(sourceOf(resource, rootOf(locationPattern), resolver.getClassLoader()),
								new String(in.readAllBytes(), StandardCharsets.UTF_8));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the knowledge base at '" + locationPattern + "'", ex);
			}
			return this;
		}

		/**
		 * Uses the passage embeddings computed at build time (the {@code precompute} step
		 * of the agent's build, see the documentation) for every passage whose exact text
		 * they cover; the model embeds only the others, e.g. passages edited since. Only
		 * embeddings made by the named model are used, so name the model this builder
		 * embeds with.
		 * @param resolver the resolver that finds them in every jar
		 * @param model the embedding model's name, as the build step recorded it
		 * @return this builder
		 */
		public Builder precomputedEmbeddings(ResourcePatternResolver resolver, String model) {
			this.precomputed = PrecomputedEmbeddings.load(resolver, PrecomputedEmbeddings.PATTERN, model);
			return this;
		}

		/**
		 * The texts the model embeds, one per passage of the documents added so far, in
		 * the order {@link #build()} indexes them: what a build step precomputes.
		 * @return the texts
		 */
		public List<String> embeddingInputs() {
			List<String> inputs = new ArrayList<>();
			parse(new ArrayList<>(), new ArrayList<>(), inputs);
			return inputs;
		}

		/**
		 * Splits, embeds and indexes the documents.
		 * @return the knowledge base
		 */
		public KnowledgeBase build() {
			long start = System.nanoTime();
			List<KnowledgeDocument> documents = new ArrayList<>();
			List<TextSegment> segments = new ArrayList<>();
			List<String> embeddingInputs = new ArrayList<>();
			parse(documents, segments, embeddingInputs);
			InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
			Embedding[] embeddings = new Embedding[segments.size()];
			List<Integer> missing = new ArrayList<>();
			for (int i = 0; i < embeddings.length; i++) {
				float[] vector = (this.precomputed != null) ? this.precomputed.get(embeddingInputs.get(i)) : null;
				if (vector != null) {
					embeddings[i] = Embedding.from(vector);
				}
				else {
					missing.add(i);
				}
			}
			if (!missing.isEmpty()) {
				List<Embedding> computed = this.embeddingModel
					.embedAll(missing.stream().map((i) -> TextSegment.from(embeddingInputs.get(i))).toList())
					.content();
				for (int j = 0; j < missing.size(); j++) {
					embeddings[missing.get(j)] = computed.get(j);
				}
			}
			if (!segments.isEmpty()) {
				store.addAll(List.of(embeddings), segments);
			}
			logger.info("Knowledge base: {} documents, {} passages ({} embedded at build time, {} now) in {} ms",
					documents.size(), segments.size(), segments.size() - missing.size(), missing.size(),
					(System.nanoTime() - start) / 1_000_000);
			return new KnowledgeBase(this.embeddingModel, store, documents);
		}

		private void parse(List<KnowledgeDocument> documents, List<TextSegment> segments,
				List<String> embeddingInputs) {
			this.markdown.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((entry) -> {
				String source = entry.getKey();
				MarkdownSections.Parsed parsed = MarkdownSections.parse(entry.getValue(), fileName(source));
				// Titles are shown as they are: no direction overrides that make one pass
				// for another.
				String title = BidiControls.strip(parsed.title());
				List<String> headings = new ArrayList<>();
				for (MarkdownSections.Section section : parsed.sections()) {
					String heading = BidiControls.strip(section.heading());
					if (!headings.contains(heading)) {
						headings.add(heading);
					}
					Metadata metadata = new Metadata().put(SOURCE, source).put(TITLE, title).put(SECTION, heading);
					segments.add(TextSegment.from(section.text(), metadata));
					embeddingInputs.add(title + ": " + heading + "\n" + section.text());
				}
				documents.add(new KnowledgeDocument(source, title, headings));
			});
		}

		/**
		 * The directory a classpath pattern starts from, e.g. {@code knowledge/} for
		 * {@code classpath*:knowledge/**}{@code /*.md}.
		 */
		static String rootOf(String locationPattern) {
			String path = locationPattern.replaceFirst("^classpath\\*?:", "");
			int wildcard = path.length();
			for (char c : new char[] { '*', '?', '{' }) {
				int index = path.indexOf(c);
				if (index >= 0) {
					wildcard = Math.min(wildcard, index);
				}
			}
			String root = path.substring(0, wildcard);
			root = root.substring(0, root.lastIndexOf('/') + 1);
			return root.startsWith("/") ? root.substring(1) : root;
		}

		/**
		 * A document's source: its path relative to the classpath root when it can be
		 * resolved, else its file name.
		 */
		static String sourceOf(Resource resource, String root, ClassLoader classLoader) throws IOException {
			String path = resource.getURL().getPath();
			if (!root.isEmpty()) {
				int index = path.indexOf("/" + root);
				while (index >= 0) {
					String candidate = path.substring(index + 1);
					if (classLoader != null && classLoader.getResource(candidate) != null) {
						return candidate;
					}
					index = path.indexOf("/" + root, index + 1);
				}
			}
			String name = resource.getFilename();
			return (name != null) ? name : resource.getDescription();
		}

		private static String fileName(String source) {
			String name = source.substring(source.lastIndexOf('/') + 1);
			int dot = name.lastIndexOf('.');
			return (dot > 0) ? name.substring(0, dot) : name;
		}

	}

}
