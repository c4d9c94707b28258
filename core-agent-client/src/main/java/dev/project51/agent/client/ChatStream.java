package dev.project51.agent.client;

import java.util.Iterator;

import dev.project51.agent.contract.StreamEvent;

/**
 * A streamed answer pulled by the caller: iterate it once to get {@code Meta},
 * {@code Token}* and {@code Done}. The iterating thread itself sends the request (when
 * the iteration starts) and reads the answer up to each next event: no other thread is
 * involved. The iterator blocks until the next event arrives and throws
 * {@link AgentClientException} when the stream fails (agent {@code error} event, timeout,
 * broken connection). The time the caller spends between events does not count as the
 * agent's silence (idle timeout), only towards the stream timeout. Close it to cancel;
 * iterating a stream cancelled by {@link #close()} just ends, one cancelled otherwise
 * (client closed) throws {@link java.util.concurrent.CancellationException}.
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
	 * The underlying handle, e.g. to cancel from another thread; its
	 * {@link StreamHandle#completion()} completes as the iteration ends.
	 * @return the handle
	 */
	StreamHandle handle();

	/**
	 * Cancels the stream if it is still running. Idempotent.
	 */
	@Override
	void close();

}
