package dev.project51.frontend.session.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.frontend.problem.internal.ProblemResponses;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
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
 * address's message budgets. Each budget is a resilience4j {@link RateLimiter}: so many
 * permits per period. A request over a budget is answered {@code 429} with
 * {@code Retry-After} and a problem, before it reaches the agent.
 * <p>
 * The address is the request's remote address: behind a reverse proxy, configure Spring
 * Boot's {@code server.forward-headers-strategy} so that it is the browser's, or every
 * browser shares the proxy's budget.
 */
public class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(RateLimitFilter.class);

	/**
	 * Above this many tracked keys, keys idle for two periods are dropped, at most once a
	 * period: a flood of new sessions costs one pass over the keys per period, not one
	 * per request.
	 */
	private static final int SWEEP_THRESHOLD = 10_000;

	private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

	private final Limits limits;

	private final String messagePath;

	private final Set<String> addressOnlyPaths;

	private final Map<String, Tracked> limiters = new ConcurrentHashMap<>();

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
		this.limits = limits;
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
		Duration wait = acquire("a:" + address, this.limits.addressRequests());
		String refused = "this address";
		if (wait == null && !this.addressOnlyPaths.contains(path)) {
			wait = acquire("s:" + session.id(), this.limits.sessionRequests());
			refused = "this browser";
		}
		if (wait == null && message) {
			wait = acquire("am:" + address, this.limits.addressMessages());
			refused = "this address";
			if (wait == null) {
				wait = acquire("sm:" + session.id(), this.limits.sessionMessages());
				refused = "this browser";
			}
		}
		if (wait != null) {
			long seconds = RetryAfter.seconds(wait);
			logger.debug("Rate limited {} {} from {}", request.getMethod(), request.getRequestURI(), refused);
			reject(response, request, seconds, (message ? "Too many messages from " : "Too many requests from ")
					+ refused + ". Wait " + seconds + " s, then try again.");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Takes a permit of a budget.
	 * @return {@code null} when granted, otherwise how long until the next permit
	 */
	private Duration acquire(String key, int permits) {
		long now = System.nanoTime();
		long due = this.nextSweep.get();
		if (this.limiters.size() > SWEEP_THRESHOLD && now - due >= 0
				&& this.nextSweep.compareAndSet(due, now + this.limits.period().toNanos())) {
			sweep();
		}
		Tracked tracked = this.limiters.computeIfAbsent(key,
				(k) -> new Tracked(RateLimiter.of(k,
						RateLimiterConfig.custom()
							.limitForPeriod(permits)
							.limitRefreshPeriod(this.limits.period())
							.timeoutDuration(Duration.ZERO)
							.writableStackTraceEnabled(false)
							.build())));
		tracked.used = now;
		if (tracked.limiter.acquirePermission()) {
			return null;
		}
		long nanos = (tracked.limiter instanceof AtomicRateLimiter atomic)
				? atomic.getDetailedMetrics().getNanosToWait() : this.limits.period().toNanos();
		return Duration.ofNanos(Math.max(nanos, 1));
	}

	private void sweep() {
		long idle = System.nanoTime() - this.limits.period().multipliedBy(2).toNanos();
		this.limiters.values().removeIf((tracked) -> tracked.used - idle < 0);
	}

	private static void reject(HttpServletResponse response, HttpServletRequest request, long seconds, String detail)
			throws IOException {
		ProblemResponses.write(response, ProblemDetail.of(ProblemType.RATE_LIMITED, detail, request.getRequestURI())
			.withRetryAfterSeconds(seconds));
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

	private static final class Tracked {

		private final RateLimiter limiter;

		private volatile long used;

		Tracked(RateLimiter limiter) {
			this.limiter = limiter;
		}

	}

}
