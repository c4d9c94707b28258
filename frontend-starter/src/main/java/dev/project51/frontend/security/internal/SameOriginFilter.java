package dev.project51.frontend.security.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.frontend.problem.internal.FrontendProblemTypes;
import dev.project51.frontend.problem.internal.Problems;
import dev.project51.server.internal.http.ProblemJson;
import dev.project51.server.internal.http.RequestBodies;
import dev.project51.server.internal.logging.LogValues;
import dev.project51.server.internal.logging.ThrottledLog;
import dev.project51.server.internal.observability.TraceIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the state-changing endpoints of the frontend against cross-site request forgery
 * without tokens, using what browsers say about every request:
 * <ol>
 * <li>{@code Sec-Fetch-Site} (sent by every current browser): only {@code same-origin}
 * and {@code none} (typed by the user) are accepted;</li>
 * <li>otherwise {@code Origin}: it must be the page's own origin (scheme, host and port
 * of the request, or its {@code Host} header) or one of the configured origins;</li>
 * <li>a request that carries neither header does not come from a browser page (curl, a
 * test) and cannot be forged by a third-party site, so it passes.</li>
 * </ol>
 * Unsafe requests must also send {@code Content-Type: application/json} (a cross-site
 * form cannot) and a body no longer than the configured limit, also when it is chunked,
 * and valid UTF-8. Safe methods ({@code GET}, {@code HEAD}, {@code OPTIONS}) pass
 * untouched: the browser's same-origin policy already keeps other sites from reading
 * their answers, because this application never sends CORS headers.
 *
 * @since 0.1.0
 */
public class SameOriginFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(SameOriginFilter.class);

	private final ThrottledLog log = ThrottledLog.perMinute(logger);

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final Set<String> allowedOrigins;

	private final long maxBodyBytes;

	/**
	 * Create a filter.
	 * @param allowedOrigins origins, besides the request's own, that may send unsafe
	 * requests (see {@link SecurityHeaders#isOrigin(String)})
	 * @param maxBodyBytes the largest accepted request body, in bytes
	 */
	public SameOriginFilter(List<String> allowedOrigins, long maxBodyBytes) {
		Assert.notNull(allowedOrigins, "'allowedOrigins' must not be null");
		Assert.isTrue(maxBodyBytes > 0, () -> "'maxBodyBytes' must be positive, but was " + maxBodyBytes);
		Set<String> origins = new LinkedHashSet<>();
		for (String origin : allowedOrigins) {
			String normalized = SecurityHeaders.normalizeOrigin(origin);
			Assert.isTrue(normalized != null, () -> "'" + origin + "' is not an origin such as https://example.com");
			origins.add(normalized);
		}
		this.allowedOrigins = Set.copyOf(origins);
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
			chain.doFilter(request, response);
			return;
		}
		String refusal = crossOriginRefusal(request);
		if (refusal != null) {
			this.log.warn("cross-origin", "Refused {} {} from {}: {}", LogValues.of(request.getMethod()),
					LogValues.of(request.getRequestURI()), request.getRemoteAddr(), LogValues.of(refusal));
			ProblemJson.write(response,
					new ProblemDetail(FrontendProblemTypes.CROSS_ORIGIN_REQUEST, "Cross-origin request refused", 403,
							refusal, request.getRequestURI(), null, null, TraceIds.of(request)));
			return;
		}
		if (request.getContentLengthLong() > this.maxBodyBytes) {
			reject(response, ProblemType.PAYLOAD_TOO_LARGE, RequestBodies.tooLarge(this.maxBodyBytes), request);
			return;
		}
		// A request without a body (a DELETE: no Content-Length, not chunked) needs no
		// type.
		boolean bodiless = request.getContentLengthLong() == 0 || (request.getContentLengthLong() < 0
				&& request.getHeader("Transfer-Encoding") == null && request.getContentType() == null);
		if (!bodiless && !isJson(request.getContentType())) {
			reject(response, ProblemType.UNSUPPORTED_MEDIA_TYPE,
					"Send the request body as JSON with 'Content-Type: application/json', not '"
							+ request.getContentType() + "'.",
					request);
			return;
		}
		if (bodiless) {
			chain.doFilter(request, response);
			return;
		}
		// Read the body here, whatever its framing (a chunked body has no length): the
		// limit holds for every body, and a body that is not UTF-8 never reaches Jackson,
		// whose decoder lets some malformed sequences through.
		byte[] body;
		try {
			body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBodyBytes + 1));
		}
		catch (IOException ex) {
			reject(response, ProblemType.INVALID_REQUEST,
					"The request body could not be read: it ended before its announced length or its chunked framing"
							+ " is broken.",
					request);
			return;
		}
		if (body.length > this.maxBodyBytes) {
			reject(response, ProblemType.PAYLOAD_TOO_LARGE, RequestBodies.tooLarge(this.maxBodyBytes), request);
			return;
		}
		if (!RequestBodies.isUtf8(body)) {
			reject(response, ProblemType.INVALID_REQUEST, RequestBodies.NOT_UTF8, request);
			return;
		}
		chain.doFilter(new ReadBodyRequest(request, body), response);
	}

	private String crossOriginRefusal(HttpServletRequest request) {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null) {
			String site = fetchSite.trim().toLowerCase(Locale.ROOT);
			if ("same-origin".equals(site) || "none".equals(site)) {
				return null;
			}
			String origin = SecurityHeaders.normalizeOrigin(request.getHeader(HttpHeaders.ORIGIN));
			if (origin != null && this.allowedOrigins.contains(origin)) {
				return null;
			}
			return "the browser reports Sec-Fetch-Site '" + fetchSite + "'; only pages of this site may send it";
		}
		String originHeader = request.getHeader(HttpHeaders.ORIGIN);
		if (originHeader == null) {
			return null;
		}
		String origin = SecurityHeaders.normalizeOrigin(originHeader);
		if (origin == null) {
			return "the Origin header '" + originHeader + "' is not an origin of this site";
		}
		if (this.allowedOrigins.contains(origin) || origin.equals(requestOrigin(request))
				|| sameAuthorityAsHost(origin, request.getHeader(HttpHeaders.HOST))) {
			return null;
		}
		return "the request comes from '" + origin + "', not from this site";
	}

	private static String requestOrigin(HttpServletRequest request) {
		return SecurityHeaders.origin(request.getScheme(), request.getServerName(), request.getServerPort());
	}

	/**
	 * Behind a proxy that terminates TLS the scheme differs while the {@code Host} header
	 * still names the public authority.
	 */
	private static boolean sameAuthorityAsHost(String origin, String host) {
		if (host == null || host.isBlank()) {
			return false;
		}
		String authority = origin.substring(origin.indexOf("://") + 3);
		String normalizedHost = host.trim().toLowerCase(Locale.ROOT);
		if (authority.equals(normalizedHost)) {
			return true;
		}
		// The Host header may carry the default port that the origin leaves out.
		return (origin.startsWith("https://") && normalizedHost.equals(authority + ":443"))
				|| (origin.startsWith("http://") && normalizedHost.equals(authority + ":80"));
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardSubtype();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void reject(HttpServletResponse response, ProblemType type, String detail,
			HttpServletRequest request) throws IOException {
		ProblemJson.write(response,
				Problems.of(type, type.status(), detail, request.getRequestURI(), TraceIds.of(request)));
	}

	/**
	 * A request whose body was read already.
	 */
	private static final class ReadBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was read already");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
