package dev.project51.server.internal.observability;

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

}
