package dev.project51.agent.server.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.project51.agent.contract.AgentApi;
import dev.project51.server.internal.env.PropertyErrors;
import dev.project51.server.internal.security.AllowedHosts;
import dev.project51.server.internal.security.BearerToken;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the Project51 agent server ({@code project51.agent.*}). Validated at
 * startup: a bad value stops the application with a message naming the property, the
 * value and what is expected.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(AgentProperties.PREFIX)
public class AgentProperties implements Validator {

	/**
	 * The prefix of the agent's properties.
	 */
	public static final String PREFIX = "project51.agent";

	/**
	 * Whether the agent server is auto-configured (and its server.port, datasource and
	 * probe defaults applied). Set to false in an application that only has the starter
	 * on its classpath for tests.
	 */
	private boolean enabled = true;

	/**
	 * Bearer token required on every /api/** and /v1/** request (usually from the
	 * environment variable AGENT_API_TOKEN), visible ASCII characters; surrounding white
	 * space (a trailing newline of a secret file) does not count. Empty means no
	 * authentication.
	 */
	private String apiToken;

	/**
	 * Host names the agent answers to in the Host header, against DNS rebinding, besides
	 * those always allowed: localhost and names under .localhost, IP addresses, and on
	 * Render the service's own name (RENDER_EXTERNAL_HOSTNAME). A name such as
	 * agent.example.com, a pattern such as *.example.com (names under it), or * for any
	 * host. The health endpoint and its groups answer any host.
	 */
	private List<String> allowedHosts = new ArrayList<>();

	/**
	 * Location of the system prompt (Markdown or text).
	 */
	private String systemPrompt = "classpath:dev/project51/agent/server/system-prompt.md";

	/**
	 * The remote models of the failover chain, in order of preference. The offline local
	 * model is always appended; a model without credentials is skipped.
	 */
	private List<ModelProperties> models = new ArrayList<>();

	/**
	 * The offline local model at the end of the chain.
	 */
	@NestedConfigurationProperty
	private final LocalModelProperties local = new LocalModelProperties();

	/**
	 * Retries, circuit breakers and stream watchdogs.
	 */
	@NestedConfigurationProperty
	private final FailoverProperties failover = new FailoverProperties();

	/**
	 * Turns and memory of conversations.
	 */
	@NestedConfigurationProperty
	private final ChatProperties chat = new ChatProperties();

	/**
	 * Request limits.
	 */
	@NestedConfigurationProperty
	private final LimitsProperties limits = new LimitsProperties();

	/**
	 * The knowledge base (RAG).
	 */
	@NestedConfigurationProperty
	private final KnowledgeProperties knowledge = new KnowledgeProperties();

	/**
	 * Where conversations are stored.
	 */
	@NestedConfigurationProperty
	private final MemoryProperties memory = new MemoryProperties();

	/**
	 * The OpenAI-compatible endpoint.
	 */
	@NestedConfigurationProperty
	private final OpenAiProperties openai = new OpenAiProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(String apiToken) {
		this.apiToken = apiToken;
	}

	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	public void setAllowedHosts(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts;
	}

	public String getSystemPrompt() {
		return this.systemPrompt;
	}

	public void setSystemPrompt(String systemPrompt) {
		this.systemPrompt = systemPrompt;
	}

	public List<ModelProperties> getModels() {
		return this.models;
	}

	public void setModels(List<ModelProperties> models) {
		this.models = models;
	}

	public LocalModelProperties getLocal() {
		return this.local;
	}

	public FailoverProperties getFailover() {
		return this.failover;
	}

	public ChatProperties getChat() {
		return this.chat;
	}

	public LimitsProperties getLimits() {
		return this.limits;
	}

	public KnowledgeProperties getKnowledge() {
		return this.knowledge;
	}

	public MemoryProperties getMemory() {
		return this.memory;
	}

	public OpenAiProperties getOpenai() {
		return this.openai;
	}

	@Override
	public boolean supports(Class<?> type) {
		return AgentProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		AgentProperties properties = (AgentProperties) target;
		PropertyErrors problems = new PropertyErrors(PREFIX, errors);
		problems.checkWithoutValue("apiToken", () -> BearerToken.of(properties.apiToken));
		Set<String> names = new HashSet<>();
		names.add(properties.local.getName());
		for (int i = 0; i < properties.models.size(); i++) {
			validateModel(properties.models.get(i), "models[" + i + "].", names, problems);
		}
		LocalModelProperties local = properties.local;
		problems.notBlank("local.name", local.getName(), "Set it to the local model's name, e.g. 'local'.");
		problems.notNegative("local.tokenDelay", local.getTokenDelay(), "Use 0ms to answer at once.");
		problems.between("local.toolThreshold", local.getToolThreshold(), 0, 1, null);
		properties.failover.validate(problems);
		ChatProperties chat = properties.chat;
		problems.positive("chat.timeout", chat.getTimeout());
		problems.positive("chat.streamTimeout", chat.getStreamTimeout());
		problems.positive("chat.streamHeartbeat", chat.getStreamHeartbeat());
		problems.notNegative("chat.busyWait", chat.getBusyWait(),
				"Use 0s to refuse at once a message whose conversation is busy.");
		if (chat.getTurnLease() == null || chat.getTurnLease().compareTo(Duration.ofSeconds(3)) < 0) {
			problems.mustBe("chat.turnLease", "at least 3s", chat.getTurnLease(), "Use a value such as 30s.");
		}
		problems.atLeast("chat.memoryMaxMessages", chat.getMemoryMaxMessages(), 2, null);
		if (!errors.hasErrors()) {
			TimeoutBudget.validate(properties, problems);
		}
		LimitsProperties limits = properties.limits;
		problems.atLeast("limits.maxMessageLength", limits.getMaxMessageLength(), 1, null);
		problems.between("limits.maxAnswerLength", limits.getMaxAnswerLength(), 1000,
				AgentApi.DEFAULT_MAX_ANSWER_LENGTH, null);
		if (limits.getMaxBodySize() == null || limits.getMaxBodySize().toBytes() < 1024) {
			problems.mustBe("limits.maxBodySize", "at least 1KB", limits.getMaxBodySize(), null);
		}
		RateLimitProperties rateLimit = limits.getRateLimit();
		problems.atLeast("limits.rateLimit.requestsPerMinute", rateLimit.getRequestsPerMinute(), 1, null);
		problems.atLeast("limits.rateLimit.burst", rateLimit.getBurst(), 1, null);
		problems.atLeast("limits.rateLimit.userRequestsPerMinute", rateLimit.getUserRequestsPerMinute(), 1, null);
		problems.atLeast("limits.rateLimit.userBurst", rateLimit.getUserBurst(), 1, null);
		problems.atLeast("limits.authFailuresPerMinute", limits.getAuthFailuresPerMinute(), 1, null);
		problems.positive("limits.headerTimeout", limits.getHeaderTimeout());
		problems.positive("limits.bodyTimeout", limits.getBodyTimeout());
		problems.atLeast("limits.maxConnectionsPerAddress", limits.getMaxConnectionsPerAddress(), 1, null);
		AllowedHosts.validate(problems, "allowedHosts", properties.allowedHosts);
		KnowledgeProperties knowledge = properties.knowledge;
		problems.atLeast("knowledge.maxResults", knowledge.getMaxResults(), 1, null);
		problems.between("knowledge.minScore", knowledge.getMinScore(), 0, 1, null);
		problems.notBlank("memory.path", properties.memory.getPath(),
				"Set it to the folder of the conversation database, e.g. ./.project51/agent-db.");
		problems.notBlank("openai.modelId", properties.openai.getModelId(),
				"Set it to the model name the /v1 API answers with, e.g. project51-agent.");
	}

	private static void validateModel(ModelProperties model, String prefix, Set<String> names,
			PropertyErrors problems) {
		if (model.getProvider() == null) {
			problems.reject(prefix + "provider", "required",
					"must be set to one of openai, anthropic, gemini, openai-compatible.");
			return;
		}
		String name = model.effectiveName();
		if (name == null || name.isBlank()) {
			problems.reject(prefix + "model", "required", "must be set for provider " + model.getProvider().id()
					+ " to the provider's model name, e.g. " + model.getProvider().exampleModel() + ".");
		}
		else if (!names.add(name)) {
			problems.reject(prefix + "name", "duplicate",
					"must be unique in the chain, but '" + name
							+ "' is used twice. Set a distinct name (the local model is named after "
							+ problems.name("local.name") + ").");
		}
		if (model.getProvider() == ModelProperties.Provider.OPENAI_COMPATIBLE
				&& (model.getBaseUrl() == null || model.getBaseUrl().isBlank())) {
			problems.reject(prefix + "baseUrl", "required",
					"must be set for provider openai-compatible, e.g. http://localhost:11434/v1 for Ollama.");
		}
		if (model.getBaseUrl() != null && !model.getBaseUrl().isBlank()) {
			validateBaseUrl(problems, prefix, model.getBaseUrl());
		}
		if (model.getTimeout() != null) {
			problems.positive(prefix + "timeout", model.getTimeout());
		}
		if (model.getTemperature() != null) {
			problems.between(prefix + "temperature", model.getTemperature(), 0, 2, null);
		}
		if (model.getMaxTokens() != null) {
			problems.atLeast(prefix + "maxTokens", model.getMaxTokens(), 1, null);
		}
	}

	/**
	 * A provider's base URL: an absolute http(s) URL with a host, without credentials (a
	 * global error, which Spring Boot reports without the value, names them; the key goes
	 * in {@code api-key}).
	 */
	private static void validateBaseUrl(PropertyErrors problems, String prefix, String baseUrl) {
		URI uri = httpUrl(baseUrl);
		if ((uri != null) ? uri.getRawUserInfo() != null : baseUrl.contains("@")) {
			problems.rejectWithoutValue("invalid",
					problems.name(prefix + "baseUrl") + " must not contain user info (credentials) (value not shown);"
							+ " put the provider's key in " + problems.name(prefix + "apiKey") + ".");
		}
		else if (uri == null) {
			problems.reject(prefix + "baseUrl", "invalid",
					"must be an absolute http(s) URL, but was '" + baseUrl + "'.");
		}
	}

	private static URI httpUrl(String value) {
		try {
			URI uri = URI.create(value);
			return (uri.isAbsolute() && uri.getHost() != null
					&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) ? uri
							: null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
