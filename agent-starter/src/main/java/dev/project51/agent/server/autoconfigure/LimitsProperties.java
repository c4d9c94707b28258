package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

import dev.project51.agent.contract.AgentApi;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Request limits ({@code project51.agent.limits.*}), part of {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class LimitsProperties {

	/**
	 * Longest accepted message, in characters.
	 */
	private int maxMessageLength = 4000;

	/**
	 * Longest answer of a conversation, in characters (1000 to 32000): a longer one is
	 * cut there, ends with a visible marker, and is stored cut.
	 */
	private int maxAnswerLength = AgentApi.DEFAULT_MAX_ANSWER_LENGTH;

	/**
	 * Largest accepted request body.
	 */
	private DataSize maxBodySize = DataSize.ofKilobytes(64);

	public int getMaxAnswerLength() {
		return this.maxAnswerLength;
	}

	public void setMaxAnswerLength(int maxAnswerLength) {
		this.maxAnswerLength = maxAnswerLength;
	}

	/**
	 * Requests per client address.
	 */
	@NestedConfigurationProperty
	private final RateLimitProperties rateLimit = new RateLimitProperties();

	/**
	 * Requests with a missing or wrong token a client address may send per minute; then
	 * every request of that address that needs the token is refused with 429 until the
	 * next minute, whether its token is right or not.
	 */
	private int authFailuresPerMinute = 10;

	/**
	 * Longest time from the first byte of a request to the end of its headers; a request
	 * head that trickles in for longer closes its connection.
	 */
	private Duration headerTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time from the end of a request's headers to the end of its body; a body
	 * that trickles in for longer fails the request and closes its connection. Answer
	 * streams are not affected.
	 */
	private Duration bodyTimeout = Duration.ofSeconds(10);

	/**
	 * Most connections one client address may hold; at the bound, a new connection
	 * replaces an idle one of that address or is refused. Behind a proxy or NAT every
	 * client shares the proxy's address, and the frontend holds one connection per answer
	 * it relays.
	 */
	private int maxConnectionsPerAddress = 200;

	public int getAuthFailuresPerMinute() {
		return this.authFailuresPerMinute;
	}

	public void setAuthFailuresPerMinute(int authFailuresPerMinute) {
		this.authFailuresPerMinute = authFailuresPerMinute;
	}

	public Duration getHeaderTimeout() {
		return this.headerTimeout;
	}

	public void setHeaderTimeout(Duration headerTimeout) {
		this.headerTimeout = headerTimeout;
	}

	public Duration getBodyTimeout() {
		return this.bodyTimeout;
	}

	public void setBodyTimeout(Duration bodyTimeout) {
		this.bodyTimeout = bodyTimeout;
	}

	public int getMaxConnectionsPerAddress() {
		return this.maxConnectionsPerAddress;
	}

	public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
		this.maxConnectionsPerAddress = maxConnectionsPerAddress;
	}

	public int getMaxMessageLength() {
		return this.maxMessageLength;
	}

	public void setMaxMessageLength(int maxMessageLength) {
		this.maxMessageLength = maxMessageLength;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public RateLimitProperties getRateLimit() {
		return this.rateLimit;
	}

}
