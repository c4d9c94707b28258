package dev.project51.frontend.observability.internal;

import java.io.IOException;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every answer the W3C trace id of its request as {@code X-Request-Id}, and to the
 * problems it may carry ({@link TraceIds}). Runs right after Spring Boot's HTTP
 * observation filter, which starts the request's span.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The response header with the request's trace id. */
	public static final String HEADER = "X-Request-Id";

	private final ObjectProvider<Tracer> tracer;

	/**
	 * The tracer once looked up: resolving it from the bean factory on every request
	 * costs more than the rest of this filter. Holds {@link #NONE} when there is none.
	 */
	private volatile Object resolved;

	private static final Object NONE = new Object();

	/**
	 * Creates the filter.
	 * @param tracer the tracer, if the application traces
	 */
	public RequestIdFilter(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Tracer current = tracer();
		Span span = (current != null) ? current.currentSpan() : null;
		String traceId = (span != null) ? span.context().traceId() : null;
		if (traceId != null && !traceId.isEmpty()) {
			response.setHeader(HEADER, traceId);
			request.setAttribute(TraceIds.ATTRIBUTE, traceId);
		}
		chain.doFilter(request, response);
	}

	private Tracer tracer() {
		Object current = this.resolved;
		if (current == null) {
			Tracer unique = this.tracer.getIfUnique();
			current = (unique != null) ? unique : NONE;
			this.resolved = current;
		}
		return (current instanceof Tracer resolvedTracer) ? resolvedTracer : null;
	}

}
