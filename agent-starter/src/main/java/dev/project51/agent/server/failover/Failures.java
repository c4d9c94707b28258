package dev.project51.agent.server.failover;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

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
		return classify(failure, Failures::kindOfStatus, Kind::tag, "other");
	}

	/**
	 * The answer for the provider's HTTP status, the most precise wherever LangChain4j
	 * wrapped it; else the answer of the first {@link Kind} along the causes; else
	 * {@code otherwise}.
	 */
	private static String classify(Throwable failure, IntFunction<String> ofStatus,
			BiFunction<Kind, Throwable, String> ofKind, String otherwise) {
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
			Kind kind = Kind.of(current);
			String answer = (kind != null) ? ofKind.apply(kind, current) : null;
			if (answer != null) {
				return answer;
			}
			current = current.getCause();
		}
		return otherwise;
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
		return classify(failure, Failures::describeStatus, Kind::describe, "unexpected error");
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

	private static boolean isTimeout(Throwable failure) {
		return failure instanceof TimeoutException || failure instanceof HttpTimeoutException
				|| failure instanceof java.util.concurrent.TimeoutException;
	}

	private static String describeIo(Throwable failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage().toLowerCase(Locale.ROOT) : "";
		if (message.contains("reset") || message.contains("closed") || message.contains("eof")
				|| message.contains("chunked") || message.contains("broken")) {
			return "connection broken";
		}
		return "network error";
	}

	/**
	 * A kind of failure without an HTTP status: what it matches, its metric tag and its
	 * description for people (either may be {@code null}: then the cause answers).
	 */
	private record Kind(Predicate<Throwable> matches, Function<Throwable, String> tagOf,
			Function<Throwable, String> descriptionOf) {

		/** The kinds, the first that matches answers. */
		private static final List<Kind> ALL = List.of(
				new Kind(StreamTimeoutException.class::isInstance,
						(failure) -> ((StreamTimeoutException) failure).isFirstToken() ? "first-token-timeout"
								: "idle-timeout",
						Throwable::getMessage),
				new Kind(EmptyAnswerException.class::isInstance, (failure) -> "empty", Throwable::getMessage),
				new Kind(IncompleteAnswerException.class::isInstance, (failure) -> "incomplete", Throwable::getMessage),
				new Kind(Prober.SlowProbeException.class::isInstance, (failure) -> "slow", Throwable::getMessage),
				fixed(RateLimitException.class::isInstance, "rate-limited", "rate limited (HTTP 429)"),
				fixed(AuthenticationException.class::isInstance, "auth",
						"authentication failed (HTTP 401/403): check the API key"),
				fixed(ModelNotFoundException.class::isInstance, "not-found",
						"model not found (HTTP 404): check the model name"),
				fixed(InternalServerException.class::isInstance, "server-error", "server error (HTTP 5xx)"),
				fixed(HttpConnectTimeoutException.class::isInstance, "timeout", "could not connect in time"),
				fixed(Failures::isTimeout, "timeout", "no response in time"),
				fixed(InvalidRequestException.class::isInstance, "rejected", "request rejected (HTTP 4xx)"),
				fixed(Failures::isMalformedResponse, "malformed", "malformed response (not the expected JSON)"),
				fixed(UnresolvedModelServerException.class::isInstance, "connection",
						"unknown host: check the base URL"),
				fixed(ConnectException.class::isInstance, "connection", "connection refused"),
				new Kind(IOException.class::isInstance, (failure) -> "connection", Failures::describeIo));

		private static Kind fixed(Predicate<Throwable> matches, String tag, String description) {
			return new Kind(matches, (failure) -> tag, (failure) -> description);
		}

		static Kind of(Throwable failure) {
			for (Kind kind : ALL) {
				if (kind.matches.test(failure)) {
					return kind;
				}
			}
			return null;
		}

		String tag(Throwable failure) {
			return this.tagOf.apply(failure);
		}

		String describe(Throwable failure) {
			return this.descriptionOf.apply(failure);
		}

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
