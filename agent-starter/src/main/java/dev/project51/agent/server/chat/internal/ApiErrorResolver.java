package dev.project51.agent.server.chat.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the errors Spring MVC raises before a controller of the agent's APIs is reached
 * (an unknown path under {@code /api/} or {@code /v1/}, a wrong method, an unacceptable
 * {@code Accept}) as {@code application/problem+json} with the contract's type URIs (in
 * OpenAI's error shape under {@code /v1/}), like every other error of the APIs. Requests
 * outside them are left to the application.
 *
 * @since 0.1.0
 */
public class ApiErrorResolver implements HandlerExceptionResolver, Ordered {

	private final JsonMapper json;

	/**
	 * Creates a resolver writing problems with the given mapper.
	 * @param json the JSON mapper
	 */
	public ApiErrorResolver(JsonMapper json) {
		this.json = json;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (handler instanceof HandlerMethod || !ProblemResponses.isApi(request) || !(ex instanceof ErrorResponse error)
				|| response.isCommitted()) {
			return null; // errors of the API's controllers are answered by their
							// controller advice
		}
		String path = ProblemResponses.path(request);
		int status = error.getStatusCode().value();
		ProblemDetail generic = ProblemResponses.forStatus(status, request);
		ProblemDetail problem = new ProblemDetail(generic.type(), generic.title(), status, detail(status, path, ex),
				request.getRequestURI(), null, null);
		if (ex instanceof HttpRequestMethodNotSupportedException methodError
				&& methodError.getSupportedHttpMethods() != null) {
			response.setHeader(HttpHeaders.ALLOW, allowed(methodError.getSupportedHttpMethods()));
		}
		try {
			ProblemResponses.write(request, response, problem, this.json);
		}
		catch (IOException ex2) {
			throw new UncheckedIOException(ex2);
		}
		return new ModelAndView();
	}

	private static String detail(int status, String path, Exception ex) {
		if (ex instanceof HttpRequestMethodNotSupportedException methodError) {
			Set<HttpMethod> supported = methodError.getSupportedHttpMethods();
			return "Method " + methodError.getMethod() + " is not supported on " + path
					+ ((supported != null) ? "; use " + allowed(supported) : "") + ".";
		}
		if (status == 404 && path.startsWith(ProblemResponses.OPENAI_PREFIX)) {
			return "There is no endpoint " + path + "; the OpenAI-compatible API serves /v1/chat/completions and"
					+ " /v1/models.";
		}
		if (status == 404) {
			return "There is no endpoint " + path + "; the agent API (v1) serves " + AgentApi.CHAT_PATH + ", "
					+ AgentApi.CHAT_STREAM_PATH + ", " + AgentApi.CONVERSATIONS_PATH + "{id} and "
					+ AgentApi.MODELS_PATH + ".";
		}
		if (status == 406) {
			return "The answer cannot be produced in the media type the Accept header asks for; accept "
					+ "application/json (or text/event-stream for " + AgentApi.CHAT_STREAM_PATH + ").";
		}
		return "The request cannot be handled: " + error(ex) + ".";
	}

	private static String error(Exception ex) {
		return ((ErrorResponse) ex).getStatusCode().toString();
	}

	private static String allowed(Set<HttpMethod> methods) {
		return methods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
