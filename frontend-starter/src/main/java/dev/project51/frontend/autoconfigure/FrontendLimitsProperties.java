package dev.project51.frontend.autoconfigure;

import java.time.Duration;

import dev.project51.server.internal.env.PropertyErrors;

/**
 * Limits that protect the frontend from slow, greedy and guessing clients.
 */
public class FrontendLimitsProperties {

	/**
	 * Longest time from the first byte of a request to the end of its headers; a request
	 * head that trickles in for longer closes its connection.
	 */
	private Duration headerTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time from the end of a request's headers to the end of its body; a body
	 * that trickles in for longer fails the request (408) and closes its connection.
	 * Answer streams are not affected.
	 */
	private Duration bodyTimeout = Duration.ofSeconds(10);

	/**
	 * Most connections one client address may hold; at the bound, a new connection
	 * replaces an idle one of that address or is refused. Behind a proxy or NAT every
	 * client shares the proxy's address.
	 */
	private int maxConnectionsPerAddress = 200;

	/**
	 * Requests to the actuator with a missing or wrong token a client address may send
	 * per minute; then every such request of that address is refused with 429 until the
	 * next minute, whether its token is right or not.
	 */
	private int authFailuresPerMinute = 10;

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

	public int getAuthFailuresPerMinute() {
		return this.authFailuresPerMinute;
	}

	public void setAuthFailuresPerMinute(int authFailuresPerMinute) {
		this.authFailuresPerMinute = authFailuresPerMinute;
	}

	void validate(PropertyErrors problems) {
		problems.positive("limits.headerTimeout", this.headerTimeout);
		problems.positive("limits.bodyTimeout", this.bodyTimeout);
		problems.atLeast("limits.maxConnectionsPerAddress", this.maxConnectionsPerAddress, 1, null);
		problems.atLeast("limits.authFailuresPerMinute", this.authFailuresPerMinute, 1, null);
	}

}
