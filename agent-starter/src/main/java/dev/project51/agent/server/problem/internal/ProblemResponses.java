package dev.project51.agent.server.problem.internal;

import java.io.IOException;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.http.ProblemAnswers;
import dev.project51.server.internal.http.ProblemJson;
import dev.project51.server.internal.http.RequestPaths;
import dev.project51.server.internal.observability.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the error answers of the agent's APIs straight to the servlet response, whatever
 * the request's {@code Accept} header says: {@code application/problem+json} under
 * {@code /api/}, OpenAI's error shape ({@link OpenAiErrors}) under {@code /v1/}, with
 * {@code Retry-After} when the problem has one. Paths are taken as the servlet container
 * mapped them (decoded, normalized, without path parameters), so that {@code /api;x/…} or
 * {@code /%61pi/…} count as {@code /api/…}.
 *
 * @since 0.1.0
 */
public final class ProblemResponses {

	/** Path prefix of the agent API. */
	public static final String API_PREFIX = "/api/";

	/** Path prefix of the OpenAI-compatible API. */
	public static final String OPENAI_PREFIX = "/v1/";

	/**
	 * Request attribute holding the problem written for the request, so that it can be
	 * counted once the request is done.
	 */
	public static final String PROBLEM_ATTRIBUTE = ProblemResponses.class.getName() + ".problem";

	private ProblemResponses() {
	}

	/**
	 * Remembers the path of a request, so that its error dispatch (whose path is the
	 * error page's) still counts as a request of the API it was sent to.
	 * @param request the request
	 */
	public static void rememberPath(HttpServletRequest request) {
		RequestPaths.remember(request);
	}

	/**
	 * The request's path within the application as the servlet container mapped it:
	 * decoded, with dot segments and repeated slashes removed and without path
	 * parameters.
	 * @param request the request
	 * @return the path, e.g. {@code /api/v1/models}
	 */
	public static String path(HttpServletRequest request) {
		return RequestPaths.of(request);
	}

	/**
	 * Whether a request belongs to one of the agent's APIs.
	 * @param request the request
	 * @return whether its path starts with {@code /api/} or {@code /v1/}
	 */
	public static boolean isApi(HttpServletRequest request) {
		return isApi(path(request));
	}

	/**
	 * Whether a path belongs to one of the agent's APIs.
	 * @param path the path as the servlet container mapped it
	 * @return whether it starts with {@code /api/} or {@code /v1/}
	 */
	public static boolean isApi(String path) {
		return path.startsWith(API_PREFIX) || path.startsWith(OPENAI_PREFIX);
	}

	/**
	 * Whether a request belongs to the OpenAI-compatible API.
	 * @param request the request
	 * @return whether its path starts with {@code /v1/}
	 */
	public static boolean isOpenAi(HttpServletRequest request) {
		return path(request).startsWith(OPENAI_PREFIX);
	}

	/**
	 * The problem for an error status that no more specific handler explained.
	 * @param status the HTTP status
	 * @param request the request
	 * @return the problem
	 */
	public static ProblemDetail forStatus(int status, HttpServletRequest request) {
		ProblemType type = ProblemType.forStatus(status);
		String detail = switch (status) {
			case 401 -> "A valid bearer token is required: send 'Authorization: Bearer <token>'.";
			case 404 -> isOpenAi(request)
					? "There is no endpoint " + path(request)
							+ "; the OpenAI-compatible API serves /v1/chat/completions and /v1/models."
					: "There is no endpoint " + path(request) + "; the agent API (v1) serves " + AgentApi.CHAT_PATH
							+ ", " + AgentApi.CHAT_STREAM_PATH + ", " + AgentApi.CONVERSATIONS_PATH + "{id} and "
							+ AgentApi.MODELS_PATH + ".";
			case 405 -> "Method " + request.getMethod() + " is not supported on " + path(request) + ".";
			case 406 -> "The answer cannot be produced in the media type the Accept header asks for; accept "
					+ "application/json (or text/event-stream for streams).";
			case 408 -> "The request did not arrive in time (project51.agent.limits.header-timeout and body-timeout);"
					+ " send it at once.";
			case 413 -> "The request body is too large; send a shorter message.";
			case 415 -> "The body must be JSON: send it with 'Content-Type: application/json'.";
			default -> (status >= 500) ? "The agent failed unexpectedly; the server log has the details."
					: "The request is malformed (HTTP status " + status + "); check its body and headers.";
		};
		return new ProblemDetail(type.uri(), type.title(), status, detail, RequestPaths.uri(request), null, null);
	}

	/**
	 * The agent's problems, for the filters and the error page it shares with the
	 * frontend: {@link #forStatus}, written by {@link #write}.
	 * @param json the mapper of OpenAI's error shape
	 * @return the agent's problems
	 */
	public static ProblemAnswers answers(JsonMapper json) {
		return new ProblemAnswers() {

			@Override
			public ProblemDetail forStatus(HttpServletRequest request, int status) {
				return ProblemResponses.forStatus(status, request);
			}

			@Override
			public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
					throws IOException {
				ProblemResponses.write(request, response, problem, json);
			}

		};
	}

	/**
	 * Writes a problem as the whole answer, replacing whatever was buffered.
	 * @param request the request
	 * @param response the response, not committed
	 * @param problem the problem
	 * @param json the mapper of OpenAI's error shape (problems are {@link ProblemJson}'s)
	 * @throws IOException if the answer cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
			JsonMapper json) throws IOException {
		if (response.isCommitted()) {
			return; // too late: the client has the status already
		}
		problem = TraceIds.onto(problem, TraceIds.of(request));
		request.setAttribute(PROBLEM_ATTRIBUTE, problem);
		if (isOpenAi(request)) {
			ProblemJson.send(response, problem, "application/json", json.writeValueAsBytes(OpenAiErrors.of(problem)));
		}
		else {
			ProblemJson.write(response, problem);
		}
	}

}
