package dev.project51.agent.server.security.internal;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.project51.server.internal.observability.TraceIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every response an {@code x-request-id} header: the one the request carries when
 * it is 1 to 128 letters, digits or {@code . _ : - + / =} (so a client can correlate its
 * logs with the agent's), else the W3C trace id of the request (32 hex digits, as in the
 * agent's log lines, its spans and the {@code traceId} of its problems, as
 * {@link TraceIds} has it from the trace id filter that runs before this one), or a new
 * random id where nothing traces. The id is also a request attribute
 * ({@link #ATTRIBUTE}).
 *
 * @since 0.1.0
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The header. */
	public static final String HEADER = "x-request-id";

	/** Request attribute holding the id. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = request.getHeader(HEADER);
		if (id == null || !VALID.matcher(id).matches()) {
			id = TraceIds.of(request);
		}
		if (id == null) {
			id = "req_" + UUID.randomUUID().toString().replace("-", "");
		}
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		chain.doFilter(request, response);
	}

}
