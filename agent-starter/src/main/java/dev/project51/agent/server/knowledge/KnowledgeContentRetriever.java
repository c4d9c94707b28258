package dev.project51.agent.server.knowledge;

import java.util.List;
import java.util.Map;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.project51.agent.server.knowledge.internal.KnowledgeContentInjector;

/**
 * A LangChain4j {@link ContentRetriever} over a {@link KnowledgeBase}: the passages that
 * match the user's question, with their source, title and section as segment metadata and
 * the relevance as {@link ContentMetadata#SCORE}.
 *
 * @since 0.1.0
 */
public class KnowledgeContentRetriever implements ContentRetriever {

	private final KnowledgeBase knowledgeBase;

	private final int maxResults;

	private final double minScore;

	/**
	 * Creates a retriever.
	 * @param knowledgeBase the knowledge base
	 * @param maxResults the most passages per question, at least 1
	 * @param minScore the least relevance in {@code [0, 1]}
	 */
	public KnowledgeContentRetriever(KnowledgeBase knowledgeBase, int maxResults, double minScore) {
		if (maxResults < 1) {
			throw new IllegalArgumentException("maxResults must be >= 1, but was " + maxResults);
		}
		if (minScore < 0 || minScore > 1) {
			throw new IllegalArgumentException("minScore must be between 0 and 1, but was " + minScore);
		}
		this.knowledgeBase = knowledgeBase;
		this.maxResults = maxResults;
		this.minScore = minScore;
	}

	@Override
	public List<Content> retrieve(Query query) {
		return this.knowledgeBase
			.search(KnowledgeContentInjector.question(query.text()), this.maxResults, this.minScore)
			.stream()
			.map(KnowledgeContentRetriever::toContent)
			.toList();
	}

	/**
	 * The passages for a question, as the knowledge base returns them.
	 * @param question the question
	 * @return the matches, best first
	 */
	public List<KnowledgeMatch> matches(String question) {
		return this.knowledgeBase.search(question, this.maxResults, this.minScore);
	}

	private static Content toContent(KnowledgeMatch match) {
		Metadata metadata = new Metadata().put(KnowledgeBase.SOURCE, match.source())
			.put(KnowledgeBase.TITLE, match.title())
			.put(KnowledgeBase.SECTION, match.section());
		return Content.from(TextSegment.from(match.text(), metadata), Map.of(ContentMetadata.SCORE, match.score()));
	}

}
