package dev.project51.agent.server.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.project51.agent.contract.AgentApi;
import dev.project51.server.internal.security.AllowedHosts;

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
@ConfigurationProperties("project51.agent")
public class AgentProperties implements Validator {

	/**
	 * Whether the agent server is auto-configured (and its server.port, datasource and
	 * probe defaults applied). Set to false in an application that only has the starter
	 * on its classpath for tests.
	 */
	private boolean enabled = true;

	/**
	 * Bearer token required on every /api/** and /v1/** request (usually from the
	 * environment variable AGENT_API_TOKEN). Empty means no authentication.
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
		Set<String> names = new HashSet<>();
		names.add(properties.local.getName());
		for (int i = 0; i < properties.models.size(); i++) {
			validateModel(properties.models.get(i), "models[" + i + "].", names, errors);
		}
		LocalModelProperties local = properties.local;
		notBlank(errors, "local.name", local.getName());
		notNegative(errors, "local.tokenDelay", local.getTokenDelay());
		between(errors, "local.toolThreshold", local.getToolThreshold(), 0, 1);
		properties.failover.validate(errors);
		ChatProperties chat = properties.chat;
		positive(errors, "chat.timeout", chat.getTimeout());
		positive(errors, "chat.streamTimeout", chat.getStreamTimeout());
		positive(errors, "chat.streamHeartbeat", chat.getStreamHeartbeat());
		notNegative(errors, "chat.busyWait", chat.getBusyWait());
		if (chat.getTurnLease() == null || chat.getTurnLease().compareTo(Duration.ofSeconds(3)) < 0) {
			reject(errors, "chat.turnLease", "a duration >= 3s (e.g. 30s)", chat.getTurnLease());
		}
		atLeast(errors, "chat.memoryMaxMessages", chat.getMemoryMaxMessages(), 2);
		if (!errors.hasErrors()) {
			TimeoutBudget.validate(properties, errors);
		}
		LimitsProperties limits = properties.limits;
		atLeast(errors, "limits.maxMessageLength", limits.getMaxMessageLength(), 1);
		if (limits.getMaxAnswerLength() < 1000 || limits.getMaxAnswerLength() > AgentApi.DEFAULT_MAX_ANSWER_LENGTH) {
			reject(errors, "limits.maxAnswerLength", "between 1000 and " + AgentApi.DEFAULT_MAX_ANSWER_LENGTH,
					limits.getMaxAnswerLength());
		}
		if (limits.getMaxBodySize() == null || limits.getMaxBodySize().toBytes() < 1024) {
			reject(errors, "limits.maxBodySize", "at least 1KB", limits.getMaxBodySize());
		}
		atLeast(errors, "limits.rateLimit.requestsPerMinute", limits.getRateLimit().getRequestsPerMinute(), 1);
		atLeast(errors, "limits.rateLimit.burst", limits.getRateLimit().getBurst(), 1);
		atLeast(errors, "limits.rateLimit.userRequestsPerMinute", limits.getRateLimit().getUserRequestsPerMinute(), 1);
		atLeast(errors, "limits.rateLimit.userBurst", limits.getRateLimit().getUserBurst(), 1);
		atLeast(errors, "limits.authFailuresPerMinute", limits.getAuthFailuresPerMinute(), 1);
		positive(errors, "limits.headerTimeout", limits.getHeaderTimeout());
		positive(errors, "limits.bodyTimeout", limits.getBodyTimeout());
		atLeast(errors, "limits.maxConnectionsPerAddress", limits.getMaxConnectionsPerAddress(), 1);
		if (properties.allowedHosts != null) {
			for (int i = 0; i < properties.allowedHosts.size(); i++) {
				String host = properties.allowedHosts.get(i);
				String reason = AllowedHosts.invalid(host);
				if (reason != null) {
					errors.rejectValue("allowedHosts[" + i + "]", "invalid",
							"must be a host name, but was '" + host + "': " + reason);
				}
			}
		}
		KnowledgeProperties knowledge = properties.knowledge;
		atLeast(errors, "knowledge.maxResults", knowledge.getMaxResults(), 1);
		between(errors, "knowledge.minScore", knowledge.getMinScore(), 0, 1);
		notBlank(errors, "memory.path", properties.memory.getPath());
		notBlank(errors, "openai.modelId", properties.openai.getModelId());
	}

	private static void validateModel(ModelProperties model, String prefix, Set<String> names, Errors errors) {
		if (model.getProvider() == null) {
			errors.rejectValue(prefix + "provider", "required",
					"is required: one of openai, anthropic, gemini, openai-compatible");
			return;
		}
		String name = model.effectiveName();
		if (name == null || name.isBlank()) {
			errors.rejectValue(prefix + "model", "required", "is required for provider " + model.getProvider().id()
					+ " (the provider's model name, e.g. " + model.getProvider().exampleModel() + ")");
		}
		else if (!names.add(name)) {
			errors.rejectValue(prefix + "name", "duplicate", "must be unique in the chain, but '" + name
					+ "' is used twice; set a distinct name (the local model is named after local.name)");
		}
		if (model.getProvider() == ModelProperties.Provider.OPENAI_COMPATIBLE
				&& (model.getBaseUrl() == null || model.getBaseUrl().isBlank())) {
			errors.rejectValue(prefix + "baseUrl", "required",
					"is required for provider openai-compatible, e.g. http://localhost:11434/v1 for Ollama");
		}
		if (model.getBaseUrl() != null && !model.getBaseUrl().isBlank() && !isHttpUrl(model.getBaseUrl())) {
			errors.rejectValue(prefix + "baseUrl", "invalid",
					"must be an absolute http(s) URL, but was '" + model.getBaseUrl() + "'");
		}
		if (model.getTimeout() != null) {
			positive(errors, prefix + "timeout", model.getTimeout());
		}
		if (model.getTemperature() != null && (model.getTemperature() < 0 || model.getTemperature() > 2)) {
			reject(errors, prefix + "temperature", "between 0 and 2", model.getTemperature());
		}
		if (model.getMaxTokens() != null && model.getMaxTokens() < 1) {
			reject(errors, prefix + "maxTokens", ">= 1", model.getMaxTokens());
		}
	}

	private static boolean isHttpUrl(String value) {
		try {
			URI uri = URI.create(value);
			return uri.isAbsolute() && uri.getHost() != null
					&& ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static void notBlank(Errors errors, String field, String value) {
		if (value == null || value.isBlank()) {
			errors.rejectValue(field, "required", "must not be blank");
		}
	}

	private static void atLeast(Errors errors, String field, int value, int minimum) {
		if (value < minimum) {
			reject(errors, field, ">= " + minimum, value);
		}
	}

	private static void between(Errors errors, String field, double value, double min, double max) {
		if (value < min || value > max) {
			reject(errors, field, "between " + min + " and " + max, value);
		}
	}

	private static void notNegative(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative()) {
			reject(errors, field, "a duration >= 0 (e.g. 500ms or 2s)", value);
		}
	}

	private static void positive(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			reject(errors, field, "a duration > 0 (e.g. 500ms or 30s)", value);
		}
	}

	private static void reject(Errors errors, String field, String expected, Object value) {
		errors.rejectValue(field, "invalid", "must be " + expected + ", but was " + value);
	}

}
