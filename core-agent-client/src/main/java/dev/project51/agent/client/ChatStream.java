package dev.project51.agent.client;

import java.util.Iterator;

import dev.project51.agent.contract.StreamEvent;

/**
 * A streamed answer pulled by the caller: iterate it once to get {@code Meta},
 * {@code Token}* and {@code Done}. The iterator blocks until the next event arrives and
 * throws {@link AgentClientException} when the stream fails (agent {@code error} event,
 * timeout, broken connection). Close it to cancel; iterating a stream cancelled by
 * {@link #close()} just ends, one cancelled otherwise (client closed) throws
 * {@link java.util.concurrent.CancellationException}.
 *
 * @since 0.1.0
 */
public interface ChatStream extends Iterable<StreamEvent>, AutoCloseable {

	/**
	 * The events. Single use: a second call throws {@link IllegalStateException}.
	 * @return the iterator
	 */
	@Override
	Iterator<StreamEvent> iterator();

	/**
	 * The underlying handle, e.g. to await {@link StreamHandle#completion()}.
	 * @return the handle
	 */
	StreamHandle handle();

	/**
	 * Cancels the stream if it is still running. Idempotent.
	 */
	@Override
	void close();

}
