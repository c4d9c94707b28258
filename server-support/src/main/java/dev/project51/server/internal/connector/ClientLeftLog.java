package dev.project51.server.internal.connector;

import org.apache.juli.logging.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of Tomcat's HTTP/1.1 protocol, less one false alarm: when a client leaves an
 * asynchronous answer (an event stream) while the container is finishing it, Tomcat
 * reports its own state race ({@code IllegalStateException: Calling [asyncPostProcess()]
 * is not valid for a request with Async state [MUST_ERROR]}) as an error with a stack
 * trace. Nothing failed but the client's connection, so that one is a DEBUG line without
 * a stack trace; every other line goes to Tomcat's log as it is.
 */
final class ClientLeftLog implements Log {

	private static final Logger logger = LoggerFactory.getLogger(ClientLeftLog.class);

	private final Log delegate;

	ClientLeftLog(Log delegate) {
		this.delegate = delegate;
	}

	static boolean isClientLeftRace(Throwable failure) {
		return failure instanceof IllegalStateException && failure.getMessage() != null
				&& failure.getMessage().contains("is not valid for a request with Async state")
				&& (failure.getMessage().contains("[MUST_ERROR]") || failure.getMessage().contains("[ERROR]"));
	}

	@Override
	public void error(Object message, Throwable failure) {
		if (isClientLeftRace(failure)) {
			logger.debug("A client left its stream while Tomcat finished it: {}", failure.getMessage());
			return;
		}
		this.delegate.error(message, failure);
	}

	@Override
	public boolean isDebugEnabled() {
		return this.delegate.isDebugEnabled();
	}

	@Override
	public boolean isErrorEnabled() {
		return this.delegate.isErrorEnabled();
	}

	@Override
	public boolean isFatalEnabled() {
		return this.delegate.isFatalEnabled();
	}

	@Override
	public boolean isInfoEnabled() {
		return this.delegate.isInfoEnabled();
	}

	@Override
	public boolean isTraceEnabled() {
		return this.delegate.isTraceEnabled();
	}

	@Override
	public boolean isWarnEnabled() {
		return this.delegate.isWarnEnabled();
	}

	@Override
	public void trace(Object message) {
		this.delegate.trace(message);
	}

	@Override
	public void trace(Object message, Throwable failure) {
		this.delegate.trace(message, failure);
	}

	@Override
	public void debug(Object message) {
		this.delegate.debug(message);
	}

	@Override
	public void debug(Object message, Throwable failure) {
		this.delegate.debug(message, failure);
	}

	@Override
	public void info(Object message) {
		this.delegate.info(message);
	}

	@Override
	public void info(Object message, Throwable failure) {
		this.delegate.info(message, failure);
	}

	@Override
	public void warn(Object message) {
		this.delegate.warn(message);
	}

	@Override
	public void warn(Object message, Throwable failure) {
		this.delegate.warn(message, failure);
	}

	@Override
	public void error(Object message) {
		this.delegate.error(message);
	}

	@Override
	public void fatal(Object message) {
		this.delegate.fatal(message);
	}

	@Override
	public void fatal(Object message, Throwable failure) {
		this.delegate.fatal(message, failure);
	}

}
