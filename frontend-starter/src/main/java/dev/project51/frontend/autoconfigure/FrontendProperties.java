package dev.project51.frontend.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.server.internal.env.PropertyErrors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import static dev.project51.server.internal.env.PropertyErrors.text;

/**
 * Configuration of the Project51 chat frontend ({@code project51.frontend.*}).
 * <p>
 * The properties validate themselves when they are bound: a bad value stops the
 * application at startup with a message that names the property, the value and how to fix
 * it.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(FrontendProperties.PREFIX)
public class FrontendProperties implements Validator {

	/** Prefix of every property of the frontend. */
	public static final String PREFIX = "project51.frontend";

	/**
	 * Default of {@code stream-timeout}: longer than the agent starter's default stream
	 * timeout (5 min), so that the inner layer ends a long answer first.
	 */
	public static final Duration DEFAULT_STREAM_TIMEOUT = Duration.ofMinutes(6);

	/**
	 * The shortest silence timeout of the agent client: twice the longest interval
	 * between the agent's keep-alive comments ({@link AgentApi#MAX_KEEP_ALIVE_INTERVAL}),
	 * so that one late keep-alive never makes a live agent look dead.
	 */
	public static final Duration MIN_SILENCE_TIMEOUT = AgentApi.MAX_KEEP_ALIVE_INTERVAL.multipliedBy(2);

	/**
	 * Whether to serve the chat page and its endpoints.
	 */
	private boolean enabled = true;

	/**
	 * Title of the page, shown in the header and the browser tab.
	 */
	private String title = "Project51 Assistant";

	/**
	 * Name shown beside the agent's answers.
	 */
	private String assistantName = "Assistant";

	/**
	 * Text shown on an empty conversation. Plain text; an empty line starts a new
	 * paragraph.
	 */
	private String welcome = "Ask a question and I will answer from my knowledge base. Each answer shows which "
			+ "model wrote it, so you can see when a fallback model stands in.";

	/**
	 * Example questions offered as one-click buttons on an empty conversation.
	 */
	private List<String> suggestions = new ArrayList<>();

	/**
	 * Longest message a user may send, in characters. Keep it at or below the agent's
	 * limit.
	 */
	private int maxMessageLength = AgentApi.DEFAULT_MAX_MESSAGE_LENGTH;

	/**
	 * Longest time an answer may stream to the browser before the frontend ends it; also
	 * the agent client's limit of a whole stream. Keep it longer than the agent's own
	 * stream timeout (project51.agent.chat.stream-timeout, 5 min by default), so that the
	 * agent, which can explain what happened, ends a long answer first.
	 */
	private Duration streamTimeout = DEFAULT_STREAM_TIMEOUT;

	/**
	 * Interval of the keep-alive comments sent to the browser on an answer stream. They
	 * keep proxies from closing a quiet stream and reveal a closed browser tab within
	 * about two intervals, which cancels the agent's work at once. At most 5s.
	 */
	private Duration streamHeartbeat = Duration.ofSeconds(1);

	@NestedConfigurationProperty
	private final FrontendAgentProperties agent = new FrontendAgentProperties();

	@NestedConfigurationProperty
	private final FrontendStatusProperties status = new FrontendStatusProperties();

	@NestedConfigurationProperty
	private final FrontendSecurityProperties security = new FrontendSecurityProperties();

	@NestedConfigurationProperty
	private final FrontendSessionProperties session = new FrontendSessionProperties();

	@NestedConfigurationProperty
	private final FrontendRateLimitProperties rateLimit = new FrontendRateLimitProperties();

	public FrontendSessionProperties getSession() {
		return this.session;
	}

	public FrontendRateLimitProperties getRateLimit() {
		return this.rateLimit;
	}

	@NestedConfigurationProperty
	private final FrontendLimitsProperties limits = new FrontendLimitsProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getAssistantName() {
		return this.assistantName;
	}

	public void setAssistantName(String assistantName) {
		this.assistantName = assistantName;
	}

	public String getWelcome() {
		return this.welcome;
	}

	public void setWelcome(String welcome) {
		this.welcome = welcome;
	}

	public List<String> getSuggestions() {
		return this.suggestions;
	}

	public void setSuggestions(List<String> suggestions) {
		this.suggestions = suggestions;
	}

	public int getMaxMessageLength() {
		return this.maxMessageLength;
	}

	public void setMaxMessageLength(int maxMessageLength) {
		this.maxMessageLength = maxMessageLength;
	}

	public Duration getStreamTimeout() {
		return this.streamTimeout;
	}

	public void setStreamTimeout(Duration streamTimeout) {
		this.streamTimeout = streamTimeout;
	}

	public Duration getStreamHeartbeat() {
		return this.streamHeartbeat;
	}

	public void setStreamHeartbeat(Duration streamHeartbeat) {
		this.streamHeartbeat = streamHeartbeat;
	}

	public FrontendAgentProperties getAgent() {
		return this.agent;
	}

	public FrontendStatusProperties getStatus() {
		return this.status;
	}

	public FrontendSecurityProperties getSecurity() {
		return this.security;
	}

	public FrontendLimitsProperties getLimits() {
		return this.limits;
	}

	@Override
	public boolean supports(Class<?> type) {
		return FrontendProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		((FrontendProperties) target).validate(new PropertyErrors(PREFIX, errors));
	}

	private void validate(PropertyErrors problems) {
		problems.notBlank("title", this.title, "Set it to the name of your assistant, e.g. 'Support assistant'.");
		problems.notBlank("assistantName", this.assistantName, "Set it to the label of the agent's answers.");
		if (this.welcome == null) {
			problems.reject("welcome", "required",
					"must not be null; set it to an empty value to show no welcome text.");
		}
		if (this.suggestions != null) {
			for (int i = 0; i < this.suggestions.size(); i++) {
				problems.notBlank("suggestions[" + i + "]", this.suggestions.get(i),
						"Remove the empty entry or give it a question.");
			}
		}
		problems.between("maxMessageLength", this.maxMessageLength, 1, 100_000,
				"Use the agent's limit (default " + AgentApi.DEFAULT_MAX_MESSAGE_LENGTH + ").");
		problems.positive("streamTimeout", this.streamTimeout);
		problems.positive("streamHeartbeat", this.streamHeartbeat);
		this.agent.validate(problems);
		this.status.validate(problems);
		this.security.validate(problems);
		this.session.validate(problems);
		this.rateLimit.validate(problems);
		this.limits.validate(problems);
		validateTimeoutBudget(problems);
	}

	/**
	 * The frontend's part of the timeout budget (docs/frontend.md): the agent client's
	 * silence timeouts leave room for the agent's keep-alives, every timeout fits in the
	 * whole stream, and the browser hears from the frontend at least as often as the
	 * frontend hears from the agent.
	 */
	private void validateTimeoutBudget(PropertyErrors problems) {
		if (isPositive(this.streamHeartbeat) && this.streamHeartbeat.compareTo(AgentApi.MAX_KEEP_ALIVE_INTERVAL) > 0) {
			problems.reject("streamHeartbeat", "budget", "must be at most " + text(AgentApi.MAX_KEEP_ALIVE_INTERVAL)
					+ " (the agent contract's longest keep-alive interval), but was " + text(this.streamHeartbeat)
					+ ". A closed browser tab is noticed within about two intervals; use the default, 1s.");
		}
		FrontendAgentProperties agent = this.agent;
		atLeastSilenceBound(problems, "agent.firstTokenTimeout", agent.getFirstTokenTimeout());
		atLeastSilenceBound(problems, "agent.idleTimeout", agent.getIdleTimeout());
		shorterThanTheStream(problems, "agent.firstTokenTimeout", agent.getFirstTokenTimeout());
		shorterThanTheStream(problems, "agent.idleTimeout", agent.getIdleTimeout());
		if (isPositive(agent.getConnectTimeout()) && isPositive(agent.getRequestTimeout())
				&& agent.getConnectTimeout().compareTo(agent.getRequestTimeout()) > 0) {
			String connect = problems.name("agent.connectTimeout");
			String request = problems.name("agent.requestTimeout");
			problems.reject("agent.connectTimeout", "budget",
					"(" + text(agent.getConnectTimeout()) + ") must not be longer than " + request + " ("
							+ text(agent.getRequestTimeout()) + "): lower " + connect + " or raise " + request + ".");
		}
	}

	private static void atLeastSilenceBound(PropertyErrors problems, String field, Duration value) {
		if (isPositive(value) && value.compareTo(MIN_SILENCE_TIMEOUT) < 0) {
			problems.reject(field, "budget", "must be at least " + text(MIN_SILENCE_TIMEOUT)
					+ " (twice the agent's longest keep-alive interval, " + text(AgentApi.MAX_KEEP_ALIVE_INTERVAL)
					+ ", so that a live agent is never taken for a dead one), but was " + text(value)
					+ ". It only has to catch a dead agent or connection: the agent heals slow models itself.");
		}
	}

	private void shorterThanTheStream(PropertyErrors problems, String field, Duration value) {
		if (isPositive(value) && isPositive(this.streamTimeout) && value.compareTo(this.streamTimeout) >= 0) {
			String stream = problems.name("streamTimeout");
			problems.reject(field, "budget",
					"(" + text(value) + ") must be shorter than " + stream + " (" + text(this.streamTimeout)
							+ "), which bounds the whole answer: lower " + problems.name(field) + " or raise " + stream
							+ ".");
		}
	}

	private static boolean isPositive(Duration value) {
		return value != null && !value.isNegative() && !value.isZero();
	}

}
