package dev.project51.k8s.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The model provider the agent puts in front of its offline local model, with the
 * environment variables its {@code providers/<name>.yml} reads. The delivery files name
 * exactly these variables: Render asks for the key and the base URL ({@code sync: false})
 * and sets the model; an in-cluster agent reads them from the {@code agent-provider-keys}
 * Secret.
 *
 * @since 0.1.0
 */
public enum AgentProvider {

	/** OpenAI's API. */
	OPENAI("openai", hosted("OPENAI", "gpt-4o-mini", "OpenAI", "OpenAI's")),

	/** Anthropic's API. */
	ANTHROPIC("anthropic", hosted("ANTHROPIC", "claude-3-5-haiku-latest", "Anthropic", "Anthropic's")),

	/** Google's Gemini API. */
	GEMINI("gemini", hosted("GEMINI", "gemini-2.0-flash", "Gemini", "Google's")),

	/**
	 * A server speaking OpenAI's chat completions API: Ollama, vLLM, LM Studio. Its base
	 * URL has no useful default where the agent is deployed, so it is required there.
	 */
	OPENAI_COMPATIBLE("openai-compatible",
			List.of(AgentVariable.setting("OPENAI_COMPATIBLE_BASE_URL",
					"the server's OpenAI-compatible API, e.g. https://llm.example.com/v1", true),
					AgentVariable.secret("OPENAI_COMPATIBLE_API_KEY", "the server's API key, if it asks for one"),
					AgentVariable.value("OPENAI_COMPATIBLE_MODEL", "llama3.2", "the model"),
					AgentVariable.value("OPENAI_COMPATIBLE_NAME", "ollama", "the name the agent reports for it"))),

	/** Only the offline local model: no variables at all. */
	LOCAL("local", List.of());

	private final String id;

	private final List<AgentVariable> variables;

	AgentProvider(String id, List<AgentVariable> variables) {
		this.id = id;
		this.variables = variables;
	}

	/**
	 * The variables of a provider's public API: its key, its model, and a base URL to put
	 * a proxy or gateway in front of it.
	 */
	private static List<AgentVariable> hosted(String prefix, String model, String name, String owner) {
		return List.of(AgentVariable.secret(prefix + "_API_KEY", "the API key"),
				AgentVariable.value(prefix + "_MODEL", model, "the model"), AgentVariable.setting(prefix + "_BASE_URL",
						"a proxy or gateway in front of " + name + "; empty for " + owner + " public API", false));
	}

	/**
	 * Return the provider's name: the value of {@code AI_PROVIDER} and of the archetype's
	 * {@code aiProvider}.
	 * @return the name, e.g. {@code openai-compatible}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the environment variables the provider reads, besides {@code AI_PROVIDER}.
	 * @return the variables, in the order the delivery files list them
	 */
	public List<AgentVariable> variables() {
		return this.variables;
	}

	/**
	 * Return the provider of a name.
	 * @param id the name, e.g. {@code openai}
	 * @return the provider
	 * @throws IllegalArgumentException if no provider has that name
	 */
	public static AgentProvider of(String id) {
		return Arrays.stream(values())
			.filter((provider) -> provider.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no provider named '" + id + "'; use one of " + ids()));
	}

	static String ids() {
		return Arrays.stream(values()).map(AgentProvider::id).collect(Collectors.joining(", "));
	}

	/**
	 * One environment variable of a provider.
	 *
	 * @param name the variable name
	 * @param value the value written into the delivery files, or {@code null} when the
	 * operator provides it (a secret or a setting)
	 * @param secret whether the value is a credential: never in git, a Render variable
	 * with {@code sync: false} or a Kubernetes Secret
	 * @param required whether the agent cannot use the provider without it
	 * @param description what it is, for comments and documentation
	 */
	public record AgentVariable(String name, String value, boolean secret, boolean required, String description) {

		static AgentVariable secret(String name, String description) {
			return new AgentVariable(name, null, true, false, description);
		}

		static AgentVariable value(String name, String value, String description) {
			return new AgentVariable(name, value, false, false, description);
		}

		static AgentVariable setting(String name, String description, boolean required) {
			return new AgentVariable(name, null, false, required, description);
		}

		/**
		 * Return whether the operator provides the value (it is not written into the
		 * delivery files).
		 * @return whether the value comes from the operator
		 */
		public boolean provided() {
			return this.value == null;
		}

	}

}
