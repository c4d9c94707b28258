package dev.project51.agent.server.memory.internal;

import java.time.Duration;

import dev.project51.agent.server.memory.ConversationLeases;

/**
 * {@link ConversationLeases} of an agent without a database: conversations then live in
 * one process, whose own per-conversation lock already serializes their turns, so every
 * lease is granted.
 *
 * @since 0.1.0
 */
public class InProcessConversationLeases implements ConversationLeases {

	@Override
	public Acquisition tryAcquire(String conversationId, String holder, Duration time) {
		return Acquisition.ACQUIRED;
	}

	@Override
	public boolean renew(String conversationId, String holder, Duration time) {
		return true;
	}

	@Override
	public void release(String conversationId, String holder) {
	}

}
