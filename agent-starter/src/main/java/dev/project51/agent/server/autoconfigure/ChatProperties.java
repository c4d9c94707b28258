package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

import dev.project51.agent.contract.AgentApi;

/**
 * Turns and memory of conversations ({@code project51.agent.chat.*}), part of
 * {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class ChatProperties {

	/**
	 * Longest time a blocking answer may take, answered with 504 timeout after it. Must
	 * exceed the failover path (every remote model's first-token budget) plus 5 s for the
	 * local model, and stay below the clients' request timeout (60 s for the Project51
	 * agent client).
	 */
	private Duration timeout = Duration.ofSeconds(50);

	/**
	 * Longest time a streamed answer may take; it then ends with an error event
	 * (answer-interrupted once text was sent). Must exceed the failover path plus 5 s,
	 * and stay below the stream timeout of the clients (6 min for the chat frontend).
	 */
	private Duration streamTimeout = AgentApi.DEFAULT_STREAM_TIMEOUT;

	/**
	 * Interval of the keep-alive comments of a streamed answer while it is silent (the
	 * model thinks, fails over, or a tool runs). A client that went away is noticed at
	 * the next one, and its turn cancelled; at most 5 s (the contract's bound).
	 */
	private Duration streamHeartbeat = Duration.ofSeconds(1);

	/**
	 * How long a message waits for the previous turn of its conversation before it is
	 * refused with 409 conversation-busy.
	 */
	private Duration busyWait = Duration.ofSeconds(5);

	/**
	 * How long a turn holds its conversation's lease in the database unless renewed
	 * (every third of it while the turn runs). Turns of a conversation are serialized
	 * across every replica that shares the database; a replica that dies in a turn frees
	 * its conversation after this time.
	 */
	private Duration turnLease = Duration.ofSeconds(30);

	/**
	 * Messages of a conversation the models see (a sliding window).
	 */
	private int memoryMaxMessages = 20;

	/**
	 * Most tool calls the models may make in one turn.
	 */
	private int maxToolRoundTrips = 10;

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
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

	public Duration getBusyWait() {
		return this.busyWait;
	}

	public Duration getTurnLease() {
		return this.turnLease;
	}

	public void setTurnLease(Duration turnLease) {
		this.turnLease = turnLease;
	}

	public void setBusyWait(Duration busyWait) {
		this.busyWait = busyWait;
	}

	public int getMemoryMaxMessages() {
		return this.memoryMaxMessages;
	}

	public void setMemoryMaxMessages(int memoryMaxMessages) {
		this.memoryMaxMessages = memoryMaxMessages;
	}

	public int getMaxToolRoundTrips() {
		return this.maxToolRoundTrips;
	}

	public void setMaxToolRoundTrips(int maxToolRoundTrips) {
		this.maxToolRoundTrips = maxToolRoundTrips;
	}

}
