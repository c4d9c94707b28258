package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;

/**
 * An error response of a model provider, with the wait its {@code Retry-After} header
 * asked for. LangChain4j maps it like any {@link HttpException} (429 to
 * {@code RateLimitException}, 5xx to {@code InternalServerException}…) and keeps it as
 * the cause.
 *
 * @since 0.1.0
 */
class ProviderHttpException extends HttpException {

	private static final long serialVersionUID = 1L;

	private final transient Duration retryAfter;

	ProviderHttpException(int statusCode, String body, Duration retryAfter) {
		super(statusCode, body);
		this.retryAfter = retryAfter;
	}

	/**
	 * The wait the provider asked for.
	 * @return the parsed {@code Retry-After}, empty if there was none
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
