package dev.project51.agent.server.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * The knowledge base ({@code project51.agent.knowledge.*}), part of
 * {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class KnowledgeProperties {

	/**
	 * Locations of the Markdown documents.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath*:knowledge/**/*.md"));

	/**
	 * Most passages given to the model per question.
	 */
	private int maxResults = 3;

	/**
	 * Least relevance (0 to 1) of a passage to be used.
	 */
	private double minScore = 0.62;

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public int getMaxResults() {
		return this.maxResults;
	}

	public void setMaxResults(int maxResults) {
		this.maxResults = maxResults;
	}

	public double getMinScore() {
		return this.minScore;
	}

	public void setMinScore(double minScore) {
		this.minScore = minScore;
	}

}
