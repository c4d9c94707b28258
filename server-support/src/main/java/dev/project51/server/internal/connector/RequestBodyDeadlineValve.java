package dev.project51.server.internal.connector;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.InputBuffer;
import org.apache.tomcat.util.net.ApplicationBufferHandler;

/**
 * A deadline for request bodies: the body must have arrived within the body timeout of
 * the end of the request's headers. Tomcat's own read timeout is per read, so a body sent
 * one byte a second would hold a request thread for as long as the client likes. Past the
 * deadline the next read fails with a {@link SocketTimeoutException} (the application
 * answers it like a body that broke off) and the connection is closed after the answer
 * instead of reading what is left of the body.
 * <p>
 * After a request that did not read its whole body and whose answer is not sent yet, the
 * rest is not read either, which Tomcat would otherwise do with a request thread and no
 * deadline: the answer says {@code Connection: close} and the connection is closed after
 * it. An answer already sent keeps the connection, and Tomcat drops the rest of the body.
 * Long answers (an event stream) are not affected: the deadline is for reading only.
 *
 * @since 0.1.0
 */
public class RequestBodyDeadlineValve extends ValveBase {

	private final long timeoutNanos;

	/**
	 * Creates the valve.
	 * @param timeout the longest time from the end of a request's headers to the end of
	 * its body
	 */
	public RequestBodyDeadlineValve(Duration timeout) {
		super(true);
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("bodyTimeout must be positive, but was " + timeout);
		}
		this.timeoutNanos = timeout.toNanos();
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		org.apache.coyote.Request coyote = request.getCoyoteRequest();
		InputBuffer original = coyote.getInputBuffer();
		DeadlineInputBuffer guarded = new DeadlineInputBuffer(original, coyote, System.nanoTime() + this.timeoutNanos,
				this.timeoutNanos);
		coyote.setInputBuffer(guarded);
		try {
			getNext().invoke(request, response);
		}
		finally {
			coyote.setInputBuffer(original);
			if (!request.isAsync() && !coyote.isFinished() && !response.isCommitted()) {
				// Tomcat marks a response whose request body is left unread as an error
				// and, when it is not committed yet, turns its status into 500: send the
				// answer as it is first, saying that the connection closes after it, so
				// that the client sends its next request on a new one.
				response.setHeader("Connection", "close");
				response.finishResponse();
				coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			}
			// An answer already sent (a refusal the application flushed) did not say that
			// the connection closes, and the client may send its next request on it:
			// Tomcat
			// reads and drops the rest of the body (at most maxSwallowSize, each read
			// within
			// the connection timeout) and keeps the connection.
		}
	}

	/**
	 * Whether a request's body read failed because its deadline passed.
	 * @param failure the failure, or one wrapping it
	 * @return whether the body came too slowly
	 */
	public static boolean isDeadline(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyDeadlineException) {
				return true;
			}
		}
		return false;
	}

	private static final class DeadlineInputBuffer implements InputBuffer {

		private final InputBuffer delegate;

		private final org.apache.coyote.Request request;

		private final long deadline;

		private final long timeoutNanos;

		DeadlineInputBuffer(InputBuffer delegate, org.apache.coyote.Request request, long deadline, long timeoutNanos) {
			this.delegate = delegate;
			this.request = request;
			this.deadline = deadline;
			this.timeoutNanos = timeoutNanos;
		}

		@Override
		public int doRead(ApplicationBufferHandler handler) throws IOException {
			check();
			int read = this.delegate.doRead(handler);
			if (read > 0) {
				check();
			}
			return read;
		}

		private void check() throws IOException {
			if (System.nanoTime() - this.deadline > 0) {
				this.request.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
				throw new BodyDeadlineException(this.timeoutNanos);
			}
		}

		@Override
		public int available() {
			return this.delegate.available();
		}

	}

	/**
	 * The body did not arrive within its deadline.
	 */
	static final class BodyDeadlineException extends SocketTimeoutException {

		private static final long serialVersionUID = 1L;

		BodyDeadlineException(long timeoutNanos) {
			super("The request body did not arrive within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
		}

	}

}
