package dev.project51.agent.server.failover;

/**
 * An I/O failure of an exchange with a provider (refused or broken connection), unchecked
 * so that it can travel through LangChain4j's callbacks. The cause is the original
 * exception.
 */
final class ProviderIoException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ProviderIoException(Throwable cause) {
		super(cause.toString(), cause);
	}

}
