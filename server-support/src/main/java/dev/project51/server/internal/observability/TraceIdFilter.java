package dev.project51.server.internal.observability;

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
 * Reads the W3C trace id of every request from its span once, keeps it for the problems
 * the request may get ({@link TraceIds}) and, when asked to, sends it back in a header.
 * Runs right after Spring Boot's HTTP observation filter, which starts the request's span
 * (continuing the caller's {@code traceparent}).
 */
public class TraceIdFilter extends OncePerRequestFilter {

	private static final Object NONE = new Object();

	private final ObjectProvider<Tracer> tracer;

	private final String header;

	/**
	 * The tracer once looked up: resolving it from the bean factory on every request
	 * costs more than the rest of this filter. Holds {@link #NONE} when there is none.
	 */
	private volatile Object resolved;

	/**
	 * Creates the filter.
	 * @param tracer the tracer, if the application traces
	 * @param header the response header that carries the trace id, or {@code null} for
	 * none
	 */
	public TraceIdFilter(ObjectProvider<Tracer> tracer, String header) {
		this.tracer = tracer;
		this.header = header;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Tracer current = tracer();
		Span span = (current != null) ? current.currentSpan() : null;
		String traceId = (span != null) ? span.context().traceId() : null;
		if (traceId != null && !traceId.isEmpty()) {
			request.setAttribute(TraceIds.ATTRIBUTE, traceId);
			if (this.header != null) {
				response.setHeader(this.header, traceId);
			}
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
