package dev.project51.agent.server.knowledge.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.project51.agent.contract.BidiControls;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.server.knowledge.KnowledgeBase;

/**
 * Turns retrieved passages into the citations of an answer: one per document, best first,
 * with the passage (verbatim, shortened at a word boundary) as excerpt.
 *
 * @since 0.1.0
 */
public final class KnowledgeCitations {

	/** Longest excerpt of a citation, in characters. */
	public static final int MAX_EXCERPT_LENGTH = 400;

	private KnowledgeCitations() {
	}

	/**
	 * The citations of the given retrieved contents.
	 * @param contents the contents, may be {@code null}
	 * @return the citations, one per source
	 */
	public static List<Citation> of(List<Content> contents) {
		if (contents == null) {
			return List.of();
		}
		List<Citation> citations = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (Content content : contents) {
			TextSegment segment = content.textSegment();
			String source = segment.metadata().getString(KnowledgeBase.SOURCE);
			if (source == null || !seen.add(source)) {
				continue;
			}
			String title = segment.metadata().getString(KnowledgeBase.TITLE);
			String section = segment.metadata().getString(KnowledgeBase.SECTION);
			String fullTitle = (section != null && !section.equals(title)) ? title + " › " + section : title;
			citations.add(new Citation(source, BidiControls.strip(fullTitle), excerpt(segment.text())));
		}
		return citations;
	}

	static String excerpt(String text) {
		if (text.length() <= MAX_EXCERPT_LENGTH) {
			return text;
		}
		int cut = text.lastIndexOf(' ', MAX_EXCERPT_LENGTH);
		return text.substring(0, (cut > MAX_EXCERPT_LENGTH / 2) ? cut : MAX_EXCERPT_LENGTH) + " …";
	}

}
