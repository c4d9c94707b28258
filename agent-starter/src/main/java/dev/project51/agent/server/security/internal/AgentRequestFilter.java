package dev.project51.agent.server.security.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.OpenAiErrors;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import dev.project51.server.internal.http.ProblemFilter;
import dev.project51.server.internal.http.ProblemJson;
import dev.project51.server.internal.logging.ThrottledLog;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.server.internal.security.BearerAuthentication;
import dev.project51.server.internal.security.BearerToken;
import dev.project51.server.internal.security.KeyedRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Guards the agent's APIs ({@code /api/**} and {@code /v1/**}; actuator endpoints are
 * guarded by {@link ActuatorAccessFilter}): the bearer token when one is configured
 * (compared in constant time; {@code OPTIONS} and {@code TRACE}, which only learn the
 * allowed methods, need none), a limit of failed authentications per client address (429
 * with {@code Retry-After}, also for the right token, until the address may try again),
 * the end user a request is made for ({@link AgentApi#END_USER_HEADER}, honoured only
 * after the token), a rate limit per end user or else per client address (429 with
 * {@code Retry-After}) and a body size limit (413, also for bodies without
 * {@code Content-Length}). Rejections are {@code application/problem+json}, or OpenAI's
 * error shape under {@code /v1/**}; refused tokens are logged at most a few times a
 * minute.
 *
 * @since 0.1.0
 */
public class AgentRequestFilter extends ProblemFilter {

	private static final Logger logger = LoggerFactory.getLogger(AgentRequestFilter.class);

	private static final String UNAUTHORIZED = "A valid bearer token is required: send 'Authorization: Bearer <token>'"
			+ " with the agent's API token.";

	private final BearerAuthentication authentication;

	private final ThrottledLog throttledLog = ThrottledLog.perMinute(logger);

	private final KeyedRateLimiter rateLimiter;

	private final KeyedRateLimiter userLimiter;

	/**
	 * Request attribute holding the end user a request is made for (a {@link String}):
	 * the {@link AgentApi#END_USER_HEADER} of a caller holding the token, or {@code ""}
	 * for the API client itself.
	 */
	public static final String END_USER_ATTRIBUTE = AgentRequestFilter.class.getName() + ".endUser";

	private final long maxBodyBytes;

	private final JsonMapper json;

	private final CorsConfiguration cors;

	private final CorsProcessor corsProcessor = new DefaultCorsProcessor();

	/**
	 * Creates the filter.
	 * @param apiToken the bearer token, or {@code null}/blank for no authentication
	 * @param rateLimiter the rate limiter, or {@code null} for no rate limit
	 * @param maxBodySize the largest accepted request body
	 * @param json the mapper of error bodies
	 */
	public AgentRequestFilter(String apiToken, KeyedRateLimiter rateLimiter, DataSize maxBodySize, JsonMapper json) {
		this(apiToken, rateLimiter, maxBodySize, json, List.of());
	}

	/**
	 * Creates the filter.
	 * @param apiToken the bearer token, or {@code null}/blank for no authentication
	 * @param rateLimiter the rate limiter, or {@code null} for no rate limit
	 * @param maxBodySize the largest accepted request body
	 * @param json the mapper of error bodies
	 * @param corsAllowedOrigins the browser origins (or origin patterns) allowed to call
	 * {@code /v1/**}; empty for none
	 */
	public AgentRequestFilter(String apiToken, KeyedRateLimiter rateLimiter, DataSize maxBodySize, JsonMapper json,
			List<String> corsAllowedOrigins) {
		this(apiToken, rateLimiter, null, maxBodySize, json, corsAllowedOrigins, null);
	}

	/**
	 * Creates the filter.
	 * @param apiToken the bearer token, or {@code null}/blank for no authentication
	 * @param rateLimiter the rate limiter per client address, or {@code null} for none
	 * @param userLimiter the rate limiter per end user, applied instead of the address
	 * limit to requests that name an end user ({@link AgentApi#END_USER_HEADER}), or
	 * {@code null} for none
	 * @param maxBodySize the largest accepted request body
	 * @param json the mapper of error bodies
	 * @param corsAllowedOrigins the browser origins (or origin patterns) allowed to call
	 * {@code /v1/**}; empty for none
	 * @param authFailures the limit of failed authentications per client address, or
	 * {@code null} for none
	 */
	public AgentRequestFilter(String apiToken, KeyedRateLimiter rateLimiter, KeyedRateLimiter userLimiter,
			DataSize maxBodySize, JsonMapper json, List<String> corsAllowedOrigins, AuthFailureLimiter authFailures) {
		super(ProblemResponses.answers(json));
		this.cors = cors(corsAllowedOrigins);
		BearerToken token = BearerToken.of(apiToken);
		this.authentication = (token != null) ? new BearerAuthentication(token, authFailures, problems()) : null;
		this.rateLimiter = rateLimiter;
		this.userLimiter = userLimiter;
		this.maxBodyBytes = maxBodySize.toBytes();
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// The path as the container mapped it: a raw URI such as /api;x=y/v1/models or
		// /%61pi/v1/models reaches the same controllers as /api/v1/models.
		return !ProblemResponses.isApi(request);
	}

	@Override
	protected void filterRequest(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ProblemResponses.rememberPath(request);
		if (ProblemResponses.isOpenAi(request) && request.getHeader(HttpHeaders.ORIGIN) != null
				&& !cors(request, response)) {
			return;
		}
		if (this.authentication != null && !isMethodQuery(request)
				&& !this.authentication.authenticate(request, response, UNAUTHORIZED, this.throttledLog)) {
			return;
		}
		// Only a caller holding the token may speak for an end user (there is no
		// caller to trust more when the agent has no token).
		String endUser = request.getHeader(AgentApi.END_USER_HEADER);
		if (endUser != null && !AgentApi.isValidEndUser(endUser)) {
			reject(request, response, new AgentProblemException(ProblemType.INVALID_REQUEST, "The header "
					+ AgentApi.END_USER_HEADER
					+ " must be 1 to 128 letters, digits or . _ : @ + / = -; send an opaque id of the end user.",
					List.of(new ProblemDetail.FieldError(AgentApi.END_USER_HEADER, "malformed")), null));
			return;
		}
		request.setAttribute(END_USER_ATTRIBUTE, (endUser != null) ? endUser : "");
		// A caller that names its end users is limited per end user: it vouches for them
		// with the token, and the address is its own, shared by all of them. Without a
		// token anyone may name any end user, so the address limit stays as well: a
		// new name per request must not pass it.
		boolean perUser = endUser != null && this.userLimiter != null;
		boolean vouched = perUser && this.authentication != null;
		if (!vouched && this.rateLimiter != null
				&& limited(request, response, this.rateLimiter.tryAcquire(request.getRemoteAddr()), "client")) {
			return;
		}
		if (perUser && limited(request, response, this.userLimiter.tryAcquire(endUser), "end user")) {
			return;
		}
		long length = request.getContentLengthLong();
		if (length > this.maxBodyBytes) {
			reject(request, response, LimitedRequest.tooLarge(this.maxBodyBytes));
			return;
		}
		String contentType = request.getContentType();
		boolean withoutBody = isWithoutBody(request);
		if (contentType != null && !withoutBody && (!isConcrete(contentType) || isMultipart(contentType))) {
			reject(request, response,
					new AgentProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
							"The Content-Type is not a media type such as application/json; send the body as JSON with"
									+ " 'Content-Type: application/json'."));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBodyBytes, withoutBody && contentType != null),
				problemResponse(request, response));
	}

	private static CorsConfiguration cors(List<String> allowedOrigins) {
		if (allowedOrigins == null || allowedOrigins.isEmpty()) {
			return null;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(allowedOrigins);
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.addAllowedHeader(CorsConfiguration.ALL);
		cors.setExposedHeaders(List.of(RequestIdFilter.HEADER, HttpHeaders.RETRY_AFTER));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofMinutes(10));
		return cors;
	}

	/**
	 * CORS for the OpenAI-compatible API, before the token is checked (a browser's
	 * preflight carries none): a preflight from an allowed origin is answered 204 with
	 * the CORS headers, from any other origin 403; an actual request from an allowed
	 * origin gets the CORS headers and goes on, from another origin it goes on without
	 * them (the browser then withholds the answer from the page).
	 * @return whether the request goes on
	 */
	private boolean cors(HttpServletRequest request, HttpServletResponse response) throws IOException {
		boolean preflight = CorsUtils.isPreFlightRequest(request);
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (this.cors == null || this.cors.checkOrigin(origin) == null) {
			if (preflight) {
				forbidden(response,
						"The origin " + sanitize(origin) + " may not call this API from a browser; add it to"
								+ " project51.agent.openai.cors-allowed-origins.");
				return false;
			}
			return true;
		}
		if (!this.corsProcessor.processRequest(this.cors, request, response)) {
			return false;
		}
		if (preflight) {
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return false;
		}
		return true;
	}

	private void forbidden(HttpServletResponse response, String message) throws IOException {
		ProblemJson.send(response, HttpServletResponse.SC_FORBIDDEN, Map.of(), "application/json",
				this.json.writeValueAsBytes(
						OpenAiErrors.of(HttpServletResponse.SC_FORBIDDEN, message, null, "cors_origin_not_allowed")));
	}

	private static String sanitize(String value) {
		String cut = (value.length() > 100) ? value.substring(0, 100) + "..." : value;
		return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
	}

	/**
	 * Whether a request only asks which methods a path allows ({@code OPTIONS}) or is a
	 * {@code TRACE}, which is refused with the allowed methods: neither reaches a
	 * controller, and a browser's CORS preflight carries no token.
	 */
	private static boolean isMethodQuery(HttpServletRequest request) {
		return "OPTIONS".equals(request.getMethod()) || "TRACE".equals(request.getMethod());
	}

	/**
	 * Whether a {@code Content-Type} names one media type; a wildcard such as
	 * {@code *}{@code /*} would fail deep inside Spring MVC.
	 */
	private static boolean isConcrete(String contentType) {
		try {
			return MediaType.parseMediaType(contentType).isConcrete();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * Whether a {@code Content-Type} is multipart: no endpoint of the APIs takes one, and
	 * one without a boundary would fail while Spring MVC parses it.
	 */
	private static boolean isWithoutBody(HttpServletRequest request) {
		String method = request.getMethod();
		return "GET".equals(method) || "HEAD".equals(method) || "DELETE".equals(method) || "OPTIONS".equals(method);
	}

	private static boolean isMultipart(String contentType) {
		return contentType.regionMatches(true, 0, "multipart/", 0, 10);
	}

	/**
	 * Rejects the request with 429 when a limiter said to wait.
	 * @return whether the request was rejected
	 */
	private boolean limited(HttpServletRequest request, HttpServletResponse response, Duration wait, String who)
			throws IOException {
		if (wait.isZero()) {
			return false;
		}
		// The problem carries the wait; ProblemJson sends it as Retry-After too.
		reject(request, response,
				new AgentProblemException(ProblemType.RATE_LIMITED,
						"Too many requests from this " + who + ". Retry after " + RetryAfter.seconds(wait) + " s.",
						List.of(), wait));
		return true;
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, AgentProblemException problem)
			throws IOException {
		problems().write(request, response, problem.toProblem(request.getRequestURI()));
	}

}
