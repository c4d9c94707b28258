package dev.project51.server.internal.security;

import java.io.IOException;
import java.time.Duration;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.server.internal.http.ProblemAnswers;
import dev.project51.server.internal.logging.LogValues;
import dev.project51.server.internal.logging.ThrottledLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * Checks a request's bearer token within the limit of failed authentications of its
 * client address: while the address has used up its failures it is answered 429
 * {@code rate-limited} with {@code Retry-After}, whatever its token; a missing or wrong
 * token is answered 401 {@code unauthorized} with {@code WWW-Authenticate: Bearer} and
 * counted. Both servers guard their APIs and their actuators this way, under one limit
 * per server.
 */
public final class BearerAuthentication {

	private final BearerToken token;

	private final AuthFailureLimiter authFailures;

	private final ProblemAnswers problems;

	/**
	 * Creates the check.
	 * @param token the expected token
	 * @param authFailures the limit of failed authentications, or {@code null} for none
	 * @param problems writes the server's problems
	 */
	public BearerAuthentication(BearerToken token, AuthFailureLimiter authFailures, ProblemAnswers problems) {
		this.token = token;
		this.authFailures = authFailures;
		this.problems = problems;
	}

	/**
	 * Checks a request, and answers it when it may not go on.
	 * @param request the request
	 * @param response the response
	 * @param detail the problem's detail for a missing or wrong token: what to send
	 * @param log where refusals are logged
	 * @return whether the request goes on
	 * @throws IOException if the answer cannot be written
	 */
	public boolean authenticate(HttpServletRequest request, HttpServletResponse response, String detail,
			ThrottledLog log) throws IOException {
		String address = request.getRemoteAddr();
		Duration blocked = (this.authFailures != null) ? this.authFailures.blockedFor(address) : Duration.ZERO;
		if (!blocked.isZero()) {
			tooManyFailures(request, response, blocked, log);
			return false;
		}
		if (this.token.matches(request)) {
			return true;
		}
		Duration over = (this.authFailures != null) ? this.authFailures.recordFailure(address) : Duration.ZERO;
		log.warn("unauthorized", "Refused a request to {} from {}: missing or wrong bearer token",
				LogValues.of(request.getRequestURI()), address);
		if (!over.isZero()) {
			tooManyFailures(request, response, over, log);
			return false;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		this.problems.write(request, response,
				ProblemDetail.of(ProblemType.UNAUTHORIZED, detail, request.getRequestURI()));
		return false;
	}

	private void tooManyFailures(HttpServletRequest request, HttpServletResponse response, Duration wait,
			ThrottledLog log) throws IOException {
		long seconds = RetryAfter.seconds(wait);
		log.warn("auth-failures", "Refused a request to {} from {}: too many failed authentications",
				LogValues.of(request.getRequestURI()), request.getRemoteAddr());
		this.problems.write(request, response,
				ProblemDetail
					.of(ProblemType.RATE_LIMITED,
							"Too many requests with a missing or wrong token from this client. Retry after " + seconds
									+ " s.",
							request.getRequestURI())
					.withRetryAfterSeconds(seconds));
	}

}
