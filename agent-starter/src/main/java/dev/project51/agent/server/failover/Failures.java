package dev.project51.agent.server.failover;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;

/**
 * Classifies model failures: which ones a retry may fix, and a short, secret-free
 * description for {@code lastError} and logs (never the provider's message, which may
 * echo request details).
 */
final class Failures {

	private static final int MAX_DEPTH = 10;

	private Failures() {
	}

	/**
	 * Whether another attempt on the same model may succeed: 5xx, 408, 429, timeouts and
	 * broken or refused connections. Authentication, unknown model, invalid request and
	 * malformed responses are not transient (they fail over at once).
	 * @param failure the failure
	 * @return whether to retry
	 */
	static boolean isTransient(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof StreamTimeoutException || current instanceof EmptyAnswerException) {
				return true;
			}
			if (current instanceof NonRetriableException) {
				return false;
			}
			if (current instanceof RetriableException) {
				return true;
			}
			if (current instanceof HttpException http) {
				return isTransientStatus(http.statusCode());
			}
			if (isMalformedResponse(current)) {
				return false;
			}
			if (current instanceof IOException) {
				return true;
			}
			if (current instanceof java.util.concurrent.TimeoutException) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

	private static boolean isMalformedResponse(Throwable failure) {
		String name = failure.getClass().getName();
		return name.startsWith("com.fasterxml.jackson") || name.startsWith("tools.jackson");
	}

	private static boolean isTransientStatus(int status) {
		return status == 408 || status == 429 || status >= 500;
	}

	/**
	 * A short description naming the kind of failure and the HTTP status if there is one,
	 * e.g. {@code "server error (HTTP 500)"}.
	 * @param failure the failure
	 * @return the description
	 */
	static String describe(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			String description = describeOne(current);
			if (description != null) {
				return description;
			}
			current = current.getCause();
		}
		return "unexpected error (" + failure.getClass().getSimpleName() + ")";
	}

	private static String describeOne(Throwable failure) {
		if (failure instanceof StreamTimeoutException || failure instanceof EmptyAnswerException) {
			return failure.getMessage();
		}
		if (failure instanceof RateLimitException) {
			return "rate limited (HTTP 429)";
		}
		if (failure instanceof AuthenticationException) {
			return "authentication failed (HTTP 401/403): check the API key";
		}
		if (failure instanceof ModelNotFoundException) {
			return "model not found (HTTP 404): check the model name";
		}
		if (failure instanceof InternalServerException) {
			return "server error (HTTP 5xx)";
		}
		if (failure instanceof TimeoutException || failure instanceof HttpTimeoutException
				|| failure instanceof java.util.concurrent.TimeoutException) {
			return "timed out";
		}
		if (failure instanceof UnresolvedModelServerException) {
			return "unknown host: check the base URL";
		}
		if (failure instanceof InvalidRequestException) {
			return "request rejected (HTTP 4xx)";
		}
		if (failure instanceof HttpException http) {
			return ((http.statusCode() >= 500) ? "server error" : "request rejected") + " (HTTP " + http.statusCode()
					+ ")";
		}
		if (isMalformedResponse(failure)) {
			return "malformed response (not the expected JSON)";
		}
		if (failure instanceof ConnectException) {
			return "connection refused";
		}
		if (failure instanceof IOException io) {
			String name = io.getClass().getSimpleName();
			String message = (io.getMessage() != null) ? io.getMessage().toLowerCase(Locale.ROOT) : "";
			if (message.contains("reset") || message.contains("closed") || message.contains("eof")
					|| message.contains("chunked")) {
				return "connection broken (" + name + ")";
			}
			return "I/O error (" + name + ")";
		}
		return null;
	}

}
