package dev.project51.server.internal.observability;

import dev.project51.agent.contract.ProblemDetail;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The trace id of a request, as {@link TraceIdFilter} found it: what log lines, spans and
 * the {@code traceId} of problems carry.
 */
public final class TraceIds {

	/** The request attribute holding the trace id. */
	public static final String ATTRIBUTE = TraceIds.class.getName() + ".traceId";

	private TraceIds() {
	}

	/**
	 * The trace id of a request.
	 * @param request the request
	 * @return the id, or {@code null} when nothing traces the request
	 */
	public static String of(HttpServletRequest request) {
		return (request != null && request.getAttribute(ATTRIBUTE) instanceof String id) ? id : null;
	}

	/**
	 * The trace id of the request this thread serves.
	 * @return the id, or {@code null}
	 */
	public static String current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes != null
				&& attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof String id) ? id
						: null;
	}

	/**
	 * A problem with a trace id: its own when it has one, else the given one.
	 * @param problem the problem
	 * @param traceId the trace id of the request, or {@code null}
	 * @return the problem, with the trace id
	 */
	public static ProblemDetail onto(ProblemDetail problem, String traceId) {
		return (traceId != null && problem.traceId() == null) ? problem.withTraceId(traceId) : problem;
	}

}
