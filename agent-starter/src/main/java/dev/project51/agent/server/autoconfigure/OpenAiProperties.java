package dev.project51.agent.server.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI-compatible endpoint ({@code project51.agent.openai.*}), part of
 * {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class OpenAiProperties {

	/**
	 * Whether /v1/chat/completions and /v1/models are served.
	 */
	private boolean enabled = true;

	/**
	 * Model id that names the whole failover chain in GET /v1/models and in requests
	 * (requests may also name a model of the chain, to start there).
	 */
	private String modelId = "project51-agent";

	/**
	 * Browser origins allowed to call /v1/** (CORS), e.g. https://chat.example.com or
	 * patterns such as https://*.example.com; none by default.
	 */
	private List<String> corsAllowedOrigins = new ArrayList<>();

	public List<String> getCorsAllowedOrigins() {
		return this.corsAllowedOrigins;
	}

	public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
		this.corsAllowedOrigins = corsAllowedOrigins;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getModelId() {
		return this.modelId;
	}

	public void setModelId(String modelId) {
		this.modelId = modelId;
	}

}
