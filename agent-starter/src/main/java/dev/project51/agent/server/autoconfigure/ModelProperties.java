package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

/**
 * One remote model of the chain ({@code project51.agent.models[n].*}), part of
 * {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class ModelProperties {

	/**
	 * Name shown to users and in metrics; defaults to the model name.
	 */
	private String name;

	/**
	 * Provider kind: openai, anthropic, gemini or openai-compatible.
	 */
	private Provider provider;

	/**
	 * The provider's model name, e.g. gpt-4o-mini.
	 */
	private String model;

	/**
	 * API key (from the environment, e.g. ${OPENAI_API_KEY:}). A model of openai,
	 * anthropic or gemini without key is skipped; optional for openai-compatible.
	 */
	private String apiKey;

	/**
	 * Base URL of the provider's API; required for openai-compatible.
	 */
	private String baseUrl;

	/**
	 * Connect and response-header timeout of the provider's HTTP client; when not set,
	 * failover.first-token-timeout. Every call streams and is watched by the failover
	 * first-token and idle timeouts, which bound it anyway.
	 */
	private Duration timeout;

	/**
	 * Sampling temperature; the provider's default when not set.
	 */
	private Double temperature;

	/**
	 * Most tokens of an answer; the provider's default when not set.
	 */
	private Integer maxTokens;

	/**
	 * Whether this model is part of the chain.
	 */
	private boolean enabled = true;

	String effectiveName() {
		return (this.name != null && !this.name.isBlank()) ? this.name : this.model;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Provider getProvider() {
		return this.provider;
	}

	public void setProvider(Provider provider) {
		this.provider = provider;
	}

	public String getModel() {
		return this.model;
	}

	public void setModel(String model) {
		this.model = model;
	}

	public String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Double getTemperature() {
		return this.temperature;
	}

	public void setTemperature(Double temperature) {
		this.temperature = temperature;
	}

	public Integer getMaxTokens() {
		return this.maxTokens;
	}

	public void setMaxTokens(Integer maxTokens) {
		this.maxTokens = maxTokens;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public String toString() {
		return "Model[name=" + effectiveName() + ", provider=" + this.provider + ", baseUrl=" + this.baseUrl
				+ ", apiKey=" + ((this.apiKey != null && !this.apiKey.isBlank()) ? "(set)" : "(none)") + "]";
	}

	/**
	 * Model provider kinds.
	 */
	public enum Provider {

		/** OpenAI's API. */
		OPENAI("openai", "gpt-4o-mini"),

		/** Anthropic's API. */
		ANTHROPIC("anthropic", "claude-3-5-haiku-latest"),

		/** Google AI Gemini's API. */
		GEMINI("gemini", "gemini-2.0-flash"),

		/**
		 * Any server speaking OpenAI's chat completions API (Ollama, vLLM, LM Studio).
		 */
		OPENAI_COMPATIBLE("openai-compatible", "llama3.2");

		private final String id;

		private final String exampleModel;

		Provider(String id, String exampleModel) {
			this.id = id;
			this.exampleModel = exampleModel;
		}

		/**
		 * The provider id used in statuses and metrics.
		 * @return the id, e.g. {@code openai-compatible}
		 */
		public String id() {
			return this.id;
		}

		String exampleModel() {
			return this.exampleModel;
		}

	}

}
