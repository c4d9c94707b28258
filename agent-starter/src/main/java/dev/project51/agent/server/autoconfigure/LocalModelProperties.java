package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

/**
 * The offline local model ({@code project51.agent.local.*}), part of
 * {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class LocalModelProperties {

	/**
	 * Name of the local model in the chain and in answers.
	 */
	private String name = "local";

	/**
	 * Pause between two streamed tokens of the local model.
	 */
	private Duration tokenDelay = Duration.ofMillis(15);

	/**
	 * Relevance (0 to 1) a message needs to a tool's name and description for the local
	 * model to call the tool.
	 */
	private double toolThreshold = 0.65;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Duration getTokenDelay() {
		return this.tokenDelay;
	}

	public void setTokenDelay(Duration tokenDelay) {
		this.tokenDelay = tokenDelay;
	}

	public double getToolThreshold() {
		return this.toolThreshold;
	}

	public void setToolThreshold(double toolThreshold) {
		this.toolThreshold = toolThreshold;
	}

}
