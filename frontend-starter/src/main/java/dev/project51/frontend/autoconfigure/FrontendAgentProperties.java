package dev.project51.frontend.autoconfigure;

import java.net.URI;
import java.time.Duration;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientBuilder;
import dev.project51.server.internal.env.PropertyErrors;
import dev.project51.server.internal.security.BearerToken;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * How the frontend reaches the agent server.
 */
public class FrontendAgentProperties {

	/**
	 * Base URL of the agent server, e.g. http://localhost:8081 or
	 * https://my-agent.onrender.com.
	 */
	private URI baseUrl = URI.create("http://localhost:8081");

	/**
	 * Bearer token for the agent's API. Never put it in a file: when this property is not
	 * set, the frontend reads the AGENT_API_TOKEN environment variable. It is sent only
	 * to the agent, never to the browser.
	 */
	private String apiToken;

	/**
	 * Time allowed to open a connection to the agent.
	 */
	private Duration connectTimeout = AgentClientBuilder.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * Time allowed for a whole call to the agent (history, status).
	 */
	private Duration requestTimeout = Duration.ofSeconds(30);

	/**
	 * Longest silence of an answer stream before its first event: no event and no
	 * keep-alive comment of the agent. The agent sends keep-alives while its models are
	 * slow or fail over, so this only catches a dead agent or connection. At least 10s
	 * (twice the agent's longest keep-alive interval).
	 */
	private Duration firstTokenTimeout = AgentClientBuilder.DEFAULT_FIRST_TOKEN_TIMEOUT;

	/**
	 * Longest silence of an answer stream after its first event: no event and no
	 * keep-alive comment of the agent. The agent interrupts an answer whose model went
	 * silent itself, so this only catches a dead agent or connection. At least 10s (twice
	 * the agent's longest keep-alive interval).
	 */
	private Duration idleTimeout = AgentClientBuilder.DEFAULT_IDLE_TIMEOUT;

	/**
	 * How calls to the agent are retried.
	 */
	@NestedConfigurationProperty
	private final AgentRetryProperties retry = new AgentRetryProperties();

	/**
	 * When the frontend stops calling a failing agent for a while.
	 */
	@NestedConfigurationProperty
	private final AgentCircuitBreakerProperties circuitBreaker = new AgentCircuitBreakerProperties();

	public AgentRetryProperties getRetry() {
		return this.retry;
	}

	public AgentCircuitBreakerProperties getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public URI getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(String apiToken) {
		this.apiToken = apiToken;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Duration getFirstTokenTimeout() {
		return this.firstTokenTimeout;
	}

	public void setFirstTokenTimeout(Duration firstTokenTimeout) {
		this.firstTokenTimeout = firstTokenTimeout;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	void validate(PropertyErrors problems) {
		if (this.baseUrl == null) {
			problems.reject("agent.baseUrl", "required",
					"must be set to the agent's address, e.g. http://localhost:8081.");
		}
		else {
			// The agent client's own check, the one URL check of the project; with
			// credentials a global error, since a field error would print the value.
			Runnable check = () -> AgentClient.builder().baseUrl(this.baseUrl);
			if (this.baseUrl.getRawUserInfo() != null) {
				problems.checkWithoutValue("agent.baseUrl", check);
			}
			else {
				problems.check("agent.baseUrl", check);
			}
		}
		// Surrounding white space (a trailing newline of a secret file) is dropped when
		// the client is built; anything else would corrupt the Authorization header.
		problems.checkWithoutValue("agent.apiToken", () -> BearerToken.of(this.apiToken));
		problems.positive("agent.connectTimeout", this.connectTimeout);
		problems.positive("agent.requestTimeout", this.requestTimeout);
		problems.positive("agent.firstTokenTimeout", this.firstTokenTimeout);
		problems.positive("agent.idleTimeout", this.idleTimeout);
		this.retry.validate(problems);
		this.circuitBreaker.validate(problems);
	}

}
