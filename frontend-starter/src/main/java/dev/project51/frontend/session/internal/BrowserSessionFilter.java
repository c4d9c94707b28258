package dev.project51.frontend.session.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every browser a session: a cookie holding 256 random bits, {@code HttpOnly},
 * {@code SameSite=Strict}, {@code Secure} (and named with the {@code __Host-} prefix)
 * when the request came over HTTPS. The server keeps no state: any replica serves any
 * session, and a restart keeps them. A request without a well-formed session cookie gets
 * a new session. The page ({@code GET /}) renews the cookie's lifetime.
 */
public class BrowserSessionFilter extends OncePerRequestFilter {

	private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String cookieName;

	private final Duration maxAge;

	/**
	 * Create a filter.
	 * @param cookieName the cookie's name over plain HTTP; over HTTPS it gets the
	 * {@code __Host-} prefix
	 * @param maxAge how long a browser keeps its session without visiting the page
	 */
	public BrowserSessionFilter(String cookieName, Duration maxAge) {
		Assert.hasText(cookieName, "'cookieName' must not be empty");
		Assert.isTrue(maxAge != null && !maxAge.isNegative() && !maxAge.isZero(), "'maxAge' must be positive");
		this.cookieName = cookieName;
		this.maxAge = maxAge;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String name = cookieName(request);
		String id = read(request, name);
		boolean renew = "GET".equals(request.getMethod()) && isPage(request);
		if (id == null) {
			id = newId();
			renew = true;
		}
		if (renew) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, name, id).toString());
		}
		request.setAttribute(BrowserSession.ATTRIBUTE, BrowserSession.of(id));
		chain.doFilter(request, response);
	}

	private String cookieName(HttpServletRequest request) {
		// __Host- demands Secure and Path=/, so only at the root of an HTTPS site.
		boolean host = request.isSecure() && request.getContextPath().isEmpty();
		return host ? "__Host-" + this.cookieName : this.cookieName;
	}

	private static String read(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (name.equals(cookie.getName()) && cookie.getValue() != null
					&& SESSION_ID.matcher(cookie.getValue()).matches()) {
				return cookie.getValue();
			}
		}
		return null;
	}

	private static boolean isPage(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.isEmpty() || "/".equals(path);
	}

	private ResponseCookie cookie(HttpServletRequest request, String name, String id) {
		String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
		return ResponseCookie.from(name, id)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Strict")
			.path(path)
			.maxAge(this.maxAge)
			.build();
	}

	private static String newId() {
		byte[] bits = new byte[32];
		RANDOM.nextBytes(bits);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
	}

}
