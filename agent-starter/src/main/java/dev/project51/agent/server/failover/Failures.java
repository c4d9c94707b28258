package dev.project51.agent.server.failover;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

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
 * Classifies model failures: which ones a retry may fix, the wait a provider asked for,
 * and a short description for people ({@code lastError}, logs): the kind of failure and
 * the HTTP status if there is one, never an exception class name nor the provider's
 * message (which may echo request details).
 */
final class Failures {

	private static final int MAX_DEPTH = 10;

	private Failures() {
	}

	/**
	 * Whether another attempt on the same model may succeed: 5xx, 408, 429, timeouts,
	 * empty answers and broken or refused connections. Authentication, unknown model,
	 * invalid request and malformed responses are not transient (they fail over at once).
	 * @param failure the failure
	 * @return whether to retry
	 */
	static boolean isTransient(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof StreamTimeoutException || current instanceof EmptyAnswerException
					|| current instanceof IncompleteAnswerException) {
				return true;
			}
			if (current instanceof HttpException http) {
				return isTransientStatus(http.statusCode());
			}
			if (current instanceof NonRetriableException) {
				return false;
			}
			if (current instanceof RetriableException) {
				return true;
			}
			if (isMalformedResponse(current)) {
				return false;
			}
			if (current instanceof IOException || current instanceof java.util.concurrent.TimeoutException) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

	/**
	 * The wait the provider asked for with {@code Retry-After}.
	 * @param failure the failure
	 * @return the wait, empty if the provider asked for none
	 */
	static Optional<Duration> retryAfter(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof ProviderHttpException http) {
				return http.retryAfter();
			}
			current = current.getCause();
		}
		return Optional.empty();
	}

	private static boolean isMalformedResponse(Throwable failure) {
		String name = failure.getClass().getName();
		return name.startsWith("com.fasterxml.jackson") || name.startsWith("tools.jackson");
	}

	private static boolean isTransientStatus(int status) {
		return status == 408 || status == 429 || status >= 500;
	}

	/**
	 * A short description for people naming the kind of failure, the HTTP status if there
	 * is one, and the wait a provider asked for, e.g.
	 * {@code "rate limited (HTTP 429), asked to wait 20 s"}.
	 * @param failure the failure
	 * @return the description
	 */
	static String describe(Throwable failure) {
		String description = describeKind(failure);
		Optional<Duration> retryAfter = retryAfter(failure);
		return retryAfter.isPresent() ? description + ", asked to wait " + seconds(retryAfter.get()) : description;
	}

	/**
	 * The kind of a failure as a stable, low-cardinality metric tag:
	 * {@code first-token-timeout}, {@code idle-timeout}, {@code rate-limited},
	 * {@code server-error}, {@code auth}, {@code not-found}, {@code rejected},
	 * {@code timeout}, {@code connection}, {@code malformed}, {@code empty},
	 * {@code incomplete} or {@code other}.
	 * @param failure the failure
	 * @return the kind
	 */
	static String kind(Throwable failure) {
		return classify(failure, Failures::kindOfStatus, Failures::kindOfOne, "other");
	}

	/**
	 * The answer for the provider's HTTP status, the most precise wherever LangChain4j
	 * wrapped it; else the first answer for a failure along the causes; else
	 * {@code otherwise}.
	 */
	private static String classify(Throwable failure, IntFunction<String> ofStatus, Function<Throwable, String> ofOne,
			String otherwise) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpException http) {
				return ofStatus.apply(http.statusCode());
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			String answer = ofOne.apply(current);
			if (answer != null) {
				return answer;
			}
			current = current.getCause();
		}
		return otherwise;
	}

	private static String kindOfOne(Throwable failure) {
		if (failure instanceof StreamTimeoutException timeout) {
			return timeout.isFirstToken() ? "first-token-timeout" : "idle-timeout";
		}
		if (failure instanceof EmptyAnswerException) {
			return "empty";
		}
		if (failure instanceof IncompleteAnswerException) {
			return "incomplete";
		}
		if (failure instanceof Prober.SlowProbeException) {
			return "slow";
		}
		if (failure instanceof RateLimitException) {
			return "rate-limited";
		}
		if (failure instanceof AuthenticationException) {
			return "auth";
		}
		if (failure instanceof ModelNotFoundException) {
			return "not-found";
		}
		if (failure instanceof InternalServerException) {
			return "server-error";
		}
		if (failure instanceof TimeoutException || failure instanceof HttpTimeoutException
				|| failure instanceof java.util.concurrent.TimeoutException) {
			return "timeout";
		}
		if (failure instanceof InvalidRequestException) {
			return "rejected";
		}
		if (isMalformedResponse(failure)) {
			return "malformed";
		}
		if (failure instanceof UnresolvedModelServerException || failure instanceof IOException) {
			return "connection";
		}
		return null;
	}

	private static String kindOfStatus(int status) {
		return switch (status) {
			case 401, 403 -> "auth";
			case 404 -> "not-found";
			case 408 -> "timeout";
			case 429 -> "rate-limited";
			default -> (status >= 500) ? "server-error" : "rejected";
		};
	}

	private static String describeKind(Throwable failure) {
		return classify(failure, Failures::describeStatus, Failures::describeOne, "unexpected error");
	}

	private static String describeOne(Throwable failure) {
		if (failure instanceof StreamTimeoutException || failure instanceof EmptyAnswerException
				|| failure instanceof IncompleteAnswerException || failure instanceof Prober.SlowProbeException) {
			return failure.getMessage();
		}
		if (failure instanceof HttpException http) {
			return describeStatus(http.statusCode());
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
		if (failure instanceof HttpConnectTimeoutException) {
			return "could not connect in time";
		}
		if (failure instanceof TimeoutException || failure instanceof HttpTimeoutException
				|| failure instanceof java.util.concurrent.TimeoutException) {
			return "no response in time";
		}
		if (failure instanceof UnresolvedModelServerException) {
			return "unknown host: check the base URL";
		}
		if (failure instanceof InvalidRequestException) {
			return "request rejected (HTTP 4xx)";
		}
		if (isMalformedResponse(failure)) {
			return "malformed response (not the expected JSON)";
		}
		if (failure instanceof ConnectException) {
			return "connection refused";
		}
		if (failure instanceof IOException io) {
			String message = (io.getMessage() != null) ? io.getMessage().toLowerCase(Locale.ROOT) : "";
			if (message.contains("reset") || message.contains("closed") || message.contains("eof")
					|| message.contains("chunked") || message.contains("broken")) {
				return "connection broken";
			}
			return "network error";
		}
		return null;
	}

	private static String describeStatus(int status) {
		return switch (status) {
			case 401, 403 -> "authentication failed (HTTP " + status + "): check the API key";
			case 404 -> "model not found (HTTP 404): check the model name";
			case 408 -> "request timed out at the provider (HTTP 408)";
			case 429 -> "rate limited (HTTP 429)";
			case 529 -> "overloaded (HTTP 529)";
			case 503 -> "unavailable (HTTP 503)";
			default -> ((status >= 500) ? "server error" : "request rejected") + " (HTTP " + status + ")";
		};
	}

	/**
	 * A duration as people read it: whole seconds, or tenths below ten seconds when not
	 * whole ({@code "8 s"}, {@code "1.5 s"}, {@code "250 ms"}).
	 * @param duration the duration
	 * @return the text
	 */
	static String seconds(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis % 1000 == 0 || millis >= 10_000) {
			return Math.round(millis / 1000.0) + " s";
		}
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
