package dev.project51.agent.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.project51.agent.client.internal.BodyTooLargeException;
import dev.project51.agent.client.internal.JsonCodec;
import dev.project51.agent.client.internal.MediaTypes;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;

/**
 * Turns error answers and I/O failures into typed {@link AgentClientException}s with
 * messages a person can act on.
 */
final class Failures {

	private static final int SNIPPET_LENGTH = 200;

	private final JsonCodec json;

	private final Clock clock;

	private final URI baseUrl;

	Failures(JsonCodec json, Clock clock, URI baseUrl) {
		this.json = json;
		this.clock = clock;
		this.baseUrl = baseUrl;
	}

	/**
	 * The exception for a non-2xx answer.
	 * @param call e.g. {@code GET /api/v1/models}
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type}, may be {@code null}
	 * @param body the body, or {@code null} if it was too large to read
	 * @param retryAfterHeader the {@code Retry-After} header
	 * @return the exception
	 */
	AgentClientException fromResponse(String call, int status, String contentType, byte[] body,
			Optional<String> retryAfterHeader) {
		ProblemDetail problem = parseProblem(contentType, body);
		Duration retryAfter = RetryAfter.parse(retryAfterHeader.orElse(null), this.clock)
			.or(() -> Optional.ofNullable(problem)
				.map(ProblemDetail::retryAfterSeconds)
				.filter((seconds) -> seconds >= 0)
				.map(Duration::ofSeconds))
			.orElse(null);
		String message = call + " failed: HTTP " + status + describe(problem, contentType, body);
		return forStatus(message, status, problem, retryAfter);
	}

	/**
	 * The exception for a stream {@code error} event.
	 * @param call the call
	 * @param problem the event's problem, may be {@code null}
	 * @return the exception
	 */
	AgentClientException fromErrorEvent(String call, ProblemDetail problem) {
		if (problem == null) {
			return new AgentProtocolException(call + ": the agent sent an 'error' event without a problem");
		}
		Duration retryAfter = (problem.retryAfterSeconds() != null && problem.retryAfterSeconds() >= 0)
				? Duration.ofSeconds(problem.retryAfterSeconds()) : null;
		int status = (problem.status() >= 400 && problem.status() <= 599) ? problem.status() : 500;
		String message = call + " failed mid-stream (error event, status " + problem.status() + ")"
				+ describe(problem, null, null);
		return forStatus(message, status, problem, retryAfter);
	}

	/**
	 * The exception for an I/O failure of the transport that no watchdog caused.
	 * @param call the call
	 * @param failure the failure
	 * @return the exception
	 */
	AgentClientException fromIo(String call, Throwable failure) {
		String reason = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		if (failure instanceof BodyTooLargeException) {
			return new AgentProtocolException(call + ": " + reason, failure);
		}
		if (failure instanceof HttpConnectTimeoutException) {
			return new AgentTimeoutException(
					call + ": could not connect to " + this.baseUrl + " within connectTimeout (" + reason + ")",
					failure)
				.markRequestNotSent();
		}
		if (failure instanceof HttpTimeoutException) {
			return new AgentTimeoutException(call + " timed out: " + reason, failure);
		}
		if (failure instanceof ConnectException) {
			String why = (failure.getMessage() != null) ? failure.getMessage() : "connection refused";
			return new AgentUnavailableException(
					call + ": cannot connect to " + this.baseUrl + " (" + why + "); is the agent running?", failure)
				.markRequestNotSent();
		}
		if (failure instanceof UnknownHostException) {
			return new AgentUnavailableException(call + ": unknown host " + this.baseUrl.getHost() + "; check baseUrl",
					failure)
				.markRequestNotSent();
		}
		if (failure instanceof IOException) {
			return new AgentUnavailableException(call + ": the connection to " + this.baseUrl + " failed (" + reason
					+ "); the agent may have been restarted", failure);
		}
		return new AgentClientException(call + " failed: " + reason, failure);
	}

	/**
	 * The exception when the response has the wrong media type.
	 * @param call the call
	 * @param expected what was expected
	 * @param contentType what came
	 * @param body the body, may be {@code null}
	 * @return the exception
	 */
	AgentProtocolException wrongContentType(String call, String expected, String contentType, int status, byte[] body) {
		return new AgentProtocolException(
				call + ": expected " + expected + " but the agent answered HTTP " + status + " with "
						+ ((contentType != null) ? "Content-Type '" + contentType + "'" : "no Content-Type")
						+ snippet(body) + "; is baseUrl pointing at the agent and not at a proxy or another service?",
				status, null, null);
	}

	private static AgentClientException forStatus(String message, int status, ProblemDetail problem,
			Duration retryAfter) {
		if (status == 401 || status == 403) {
			return new AgentUnauthorizedException(message + "; check the API token (AGENT_API_TOKEN)", status, problem,
					null);
		}
		if (status == 404) {
			return new AgentNotFoundException(message, status, problem, null);
		}
		if (status == 429) {
			return new AgentRateLimitedException(message, retryAfter, problem);
		}
		if (status == 408 || status == 504) {
			return new AgentTimeoutException(message, status, problem, null);
		}
		if (status == 503) {
			return new AgentUnavailableException(message, status, problem, retryAfter, null);
		}
		if (status >= 500 && status <= 599) {
			return new AgentServerException(message, status, problem, null);
		}
		if (status >= 400 && status <= 499) {
			return new AgentInvalidRequestException(message, status, problem, null);
		}
		return new AgentProtocolException(message + " (unexpected status)", status, problem, null);
	}

	private ProblemDetail parseProblem(String contentType, byte[] body) {
		if (body == null || body.length == 0 || !MediaTypes.isJson(contentType)) {
			return null;
		}
		try {
			ProblemDetail problem = this.json.read(body, ProblemDetail.class);
			return (problem.type() != null || problem.detail() != null || problem.title() != null) ? problem : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String describe(ProblemDetail problem, String contentType, byte[] body) {
		if (problem != null) {
			StringBuilder text = new StringBuilder();
			if (problem.title() != null) {
				text.append(' ').append(problem.title());
			}
			if (problem.detail() != null) {
				text.append(": ").append(problem.detail());
			}
			if (!problem.errors().isEmpty()) {
				text.append(problem.errors()
					.stream()
					.map((error) -> error.field() + ": " + error.reason())
					.collect(Collectors.joining("; ", " [", "]")));
			}
			if (problem.type() != null) {
				text.append(" (").append(problem.type()).append(')');
			}
			return text.toString();
		}
		if (body == null) {
			return " (body larger than maxResponseBytes, not read)";
		}
		if (body.length == 0) {
			return " (empty body)";
		}
		return " with a body that is not " + AgentApi.PROBLEM_JSON + " ("
				+ ((contentType != null) ? contentType : "no Content-Type") + ")" + snippet(body);
	}

	private static String snippet(byte[] body) {
		if (body == null || body.length == 0) {
			return "";
		}
		String text = new String(body, 0, Math.min(body.length, SNIPPET_LENGTH * 4), StandardCharsets.UTF_8)
			.replaceAll("[\\p{Cntrl}\\s]+", " ")
			.trim();
		if (text.length() > SNIPPET_LENGTH) {
			text = text.substring(0, SNIPPET_LENGTH) + "...";
		}
		return ": '" + text + "'";
	}

	/**
	 * The exception for an answer that is not the JSON expected.
	 */
	AgentProtocolException malformedJson(Call call, RuntimeException cause) {
		return new AgentProtocolException(call + ": the agent's answer is not valid JSON of the expected shape ("
				+ cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()) + ")", cause);
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "";
		}
		int newline = text.indexOf('\n');
		return (newline >= 0) ? text.substring(0, newline) : text;
	}

}
