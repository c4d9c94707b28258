package dev.project51.agent.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.problem.AgentProblemException;
import dev.project51.agent.server.problem.OpenAiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the agent's APIs ({@code /api/**} and {@code /v1/**}; actuator endpoints are not
 * touched): the bearer token when one is configured (compared in constant time), a rate
 * limit per client address (429 with {@code Retry-After}) and a body size limit (413,
 * also for bodies without {@code Content-Length}). Rejections are
 * {@code application/problem+json}, or OpenAI's error shape under {@code /v1/**}.
 *
 * @since 0.1.0
 */
public class AgentRequestFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(AgentRequestFilter.class);

	private static final List<String> GUARDED_PREFIXES = List.of("/api/", "/v1/");

	private final byte[] tokenDigest;

	private final ClientRateLimiter rateLimiter;

	private final long maxBodyBytes;

	private final JsonMapper json;

	/**
	 * Creates the filter.
	 * @param apiToken the bearer token, or {@code null}/blank for no authentication
	 * @param rateLimiter the rate limiter, or {@code null} for no rate limit
	 * @param maxBodySize the largest accepted request body
	 * @param json the mapper of error bodies
	 */
	public AgentRequestFilter(String apiToken, ClientRateLimiter rateLimiter, DataSize maxBodySize, JsonMapper json) {
		this.tokenDigest = (apiToken != null && !apiToken.isBlank()) ? digest(apiToken) : null;
		this.rateLimiter = rateLimiter;
		this.maxBodyBytes = maxBodySize.toBytes();
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return GUARDED_PREFIXES.stream().noneMatch(path::startsWith);
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.tokenDigest != null && !authorized(request)) {
			logger.debug("Rejected a request to {} without a valid bearer token", request.getRequestURI());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			reject(request, response, new AgentProblemException(ProblemType.UNAUTHORIZED,
					"A valid bearer token is required: send 'Authorization: Bearer <token>' with the agent's API token."));
			return;
		}
		if (this.rateLimiter != null) {
			Duration wait = this.rateLimiter.tryAcquire(request.getRemoteAddr());
			if (!wait.isZero()) {
				long seconds = AgentProblemException.retryAfterSeconds(wait);
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				reject(request, response, new AgentProblemException(ProblemType.RATE_LIMITED,
						"Too many requests from this client. Retry after " + seconds + " s.", List.of(), wait));
				return;
			}
		}
		long length = request.getContentLengthLong();
		if (length > this.maxBodyBytes) {
			reject(request, response, tooLarge());
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBodyBytes), response);
	}

	private AgentProblemException tooLarge() {
		return new AgentProblemException(ProblemType.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + this.maxBodyBytes + " bytes; send a shorter message.");
	}

	private boolean authorized(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(this.tokenDigest, digest(header.substring(7).trim()));
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, AgentProblemException problem)
			throws IOException {
		ProblemDetail body = problem.toProblem(request.getRequestURI());
		response.setStatus(body.status());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (request.getRequestURI().substring(request.getContextPath().length()).startsWith("/v1/")) {
			response.setContentType("application/json");
			response.getWriter().write(this.json.writeValueAsString(OpenAiErrors.of(body)));
		}
		else {
			response.setContentType(AgentApi.PROBLEM_JSON);
			response.getWriter().write(this.json.writeValueAsString(body));
		}
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * A request whose body fails with a 413 problem once it exceeds the limit.
	 */
	private final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			this.count += n;
			if (this.count > this.limit) {
				throw tooLarge();
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
