package dev.project51.frontend.session.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.server.internal.http.ProblemJson;
import dev.project51.server.internal.observability.TraceIds;
import dev.project51.server.internal.security.KeyedRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The frontend's own limits, so that a few hostile browsers cannot use up what the others
 * need: every request to the chat's endpoints takes a permit from its browser session's
 * budget and from its address's budget, and each message (a {@code POST} to the answer
 * stream, which costs the agent a model call) also one from the session's and the
 * address's message budgets. Each budget is a {@link KeyedRateLimiter}: so many permits
 * per period. A request over a budget is answered {@code 429} with {@code Retry-After}
 * and a problem, before it reaches the agent.
 * <p>
 * The address is the request's remote address: behind a reverse proxy, configure Spring
 * Boot's {@code server.forward-headers-strategy} so that it is the browser's, or every
 * browser shares the proxy's budget.
 */
public class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(RateLimitFilter.class);

	private final KeyedRateLimiter addressRequests;

	private final KeyedRateLimiter sessionRequests;

	private final KeyedRateLimiter addressMessages;

	private final KeyedRateLimiter sessionMessages;

	private final String messagePath;

	private final Set<String> addressOnlyPaths;

	/**
	 * Create a filter.
	 * @param limits the budgets
	 * @param messagePath the path (below the context path) whose {@code POST} is a
	 * message
	 * @param addressOnlyPaths paths (below the context path) that take only the address's
	 * budget: answered without a call to the agent for the session (the agent's status,
	 * polled by every page), they must not use up what a session needs for its
	 * conversations
	 */
	public RateLimitFilter(Limits limits, String messagePath, Set<String> addressOnlyPaths) {
		Assert.notNull(limits, "'limits' must not be null");
		Assert.hasText(messagePath, "'messagePath' must not be empty");
		Assert.notNull(addressOnlyPaths, "'addressOnlyPaths' must not be null");
		this.addressRequests = new KeyedRateLimiter("address-requests", limits.addressRequests(), limits.period());
		this.sessionRequests = new KeyedRateLimiter("session-requests", limits.sessionRequests(), limits.period());
		this.addressMessages = new KeyedRateLimiter("address-messages", limits.addressMessages(), limits.period());
		this.sessionMessages = new KeyedRateLimiter("session-messages", limits.sessionMessages(), limits.period());
		this.messagePath = messagePath;
		this.addressOnlyPaths = Set.copyOf(addressOnlyPaths);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BrowserSession session = BrowserSession.of(request);
		String address = request.getRemoteAddr();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean message = "POST".equals(request.getMethod()) && this.messagePath.equals(path);
		Duration wait = this.addressRequests.tryAcquire(address);
		String refused = "this address";
		if (wait.isZero() && !this.addressOnlyPaths.contains(path)) {
			wait = this.sessionRequests.tryAcquire(session.id());
			refused = "this browser";
		}
		if (wait.isZero() && message) {
			wait = this.addressMessages.tryAcquire(address);
			refused = "this address";
			if (wait.isZero()) {
				wait = this.sessionMessages.tryAcquire(session.id());
				refused = "this browser";
			}
		}
		if (!wait.isZero()) {
			long seconds = RetryAfter.seconds(wait);
			logger.debug("Rate limited {} {} from {}", request.getMethod(), request.getRequestURI(), refused);
			reject(response, request, seconds, (message ? "Too many messages from " : "Too many requests from ")
					+ refused + ". Wait " + seconds + " s, then try again.");
			return;
		}
		chain.doFilter(request, response);
	}

	private static void reject(HttpServletResponse response, HttpServletRequest request, long seconds, String detail)
			throws IOException {
		ProblemJson.write(response,
				ProblemDetail.of(ProblemType.RATE_LIMITED, detail, request.getRequestURI())
					.withRetryAfterSeconds(seconds)
					.withTraceId(TraceIds.of(request)));
	}

	/**
	 * The budgets: so many permits per period.
	 *
	 * @param period the period after which every budget is full again
	 * @param sessionRequests requests per period and browser session
	 * @param sessionMessages messages per period and browser session
	 * @param addressRequests requests per period and address
	 * @param addressMessages messages per period and address
	 */
	public record Limits(Duration period, int sessionRequests, int sessionMessages, int addressRequests,
			int addressMessages) {

		public Limits {
			Assert.isTrue(period != null && !period.isNegative() && !period.isZero(), "'period' must be positive");
			Assert.isTrue(sessionRequests > 0 && sessionMessages > 0 && addressRequests > 0 && addressMessages > 0,
					"every budget must be positive");
		}

	}

}
