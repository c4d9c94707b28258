package dev.project51.reliability.faults;

import java.util.Map;

import dev.project51.testsupport.providers.Protocol;

/**
 * A provider the archetype offers, as a user configures it: {@code AI_PROVIDER} plus the
 * provider's own environment variables (key and base URL), read by the example's
 * {@code providers/<name>.yml}. The model names are those files' defaults.
 */
enum ProviderKind {

	OPENAI("openai", Protocol.OPENAI, "OPENAI_API_KEY", "OPENAI_BASE_URL", "gpt-4o-mini"),

	ANTHROPIC("anthropic", Protocol.ANTHROPIC, "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "claude-3-5-haiku-latest"),

	GEMINI("gemini", Protocol.GEMINI, "GEMINI_API_KEY", "GEMINI_BASE_URL", "gemini-2.0-flash"),

	OPENAI_COMPATIBLE("openai-compatible", Protocol.OPENAI, "OPENAI_COMPATIBLE_API_KEY", "OPENAI_COMPATIBLE_BASE_URL",
			"ollama");

	private final String id;

	private final Protocol protocol;

	private final String keyVariable;

	private final String baseUrlVariable;

	private final String modelName;

	ProviderKind(String id, Protocol protocol, String keyVariable, String baseUrlVariable, String modelName) {
		this.id = id;
		this.protocol = protocol;
		this.keyVariable = keyVariable;
		this.baseUrlVariable = baseUrlVariable;
		this.modelName = modelName;
	}

	String id() {
		return this.id;
	}

	Protocol protocol() {
		return this.protocol;
	}

	/** The name the agent gives the provider's model in its chain and answers. */
	String modelName() {
		return this.modelName;
	}

	/** What a user sets to use this provider, pointed at the given server. */
	Map<String, String> environment(String baseUrl) {
		return Map.of("AI_PROVIDER", this.id, this.keyVariable, "test-key", this.baseUrlVariable, baseUrl);
	}

}
