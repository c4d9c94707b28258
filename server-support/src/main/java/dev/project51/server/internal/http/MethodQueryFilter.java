package dev.project51.server.internal.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.project51.agent.contract.ProblemDetail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code TRACE} with 405 and the {@code Allow} header of the path, which it
 * learns by passing the request on as an {@code OPTIONS} request whose answer it keeps to
 * itself: the request is never echoed (which would show its headers, the token among
 * them, to a script) and no handler runs. {@code OPTIONS} answers lose the empty
 * {@code Accept-Patch} header that Spring MVC adds for paths without {@code PATCH}.
 * Requires Tomcat to let {@code TRACE} through ({@code allowTrace}). The problems are the
 * server's ({@link ProblemAnswers}).
 */
public class MethodQueryFilter extends OncePerRequestFilter {

	private final ProblemAnswers problems;

	private final Function<HttpServletRequest, String> paths;

	/**
	 * Creates the filter.
	 * @param problems the server's problems
	 * @param paths the path a problem names for a request
	 */
	public MethodQueryFilter(ProblemAnswers problems, Function<HttpServletRequest, String> paths) {
		this.problems = problems;
		this.paths = paths;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"TRACE".equals(request.getMethod()) && !"OPTIONS".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("OPTIONS".equals(request.getMethod())) {
			chain.doFilter(request, new WithoutEmptyAcceptPatch(response));
			return;
		}
		OptionsProbe probe = new OptionsProbe(response);
		chain.doFilter(new AsOptions(request), probe);
		int status = probe.status;
		if (status == HttpServletResponse.SC_NOT_FOUND || probe.allow == null) {
			this.problems.writeStatus(request, response, HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		if (status >= 400 && status != HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
			this.problems.writeStatus(request, response, status);
			return;
		}
		String allow = allowWithoutTrace(probe.allow);
		response.setHeader(HttpHeaders.ALLOW, allow);
		ProblemDetail usual = this.problems.forStatus(request, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
		this.problems.write(request, response,
				new ProblemDetail(usual.type(), usual.title(), usual.status(),
						"Method TRACE is not supported on " + this.paths.apply(request) + "; use " + allow + ".",
						usual.instance(), usual.retryAfterSeconds(), usual.errors(), usual.traceId()));
	}

	private static String allowWithoutTrace(String allow) {
		return Arrays.stream(allow.split(","))
			.map(String::strip)
			.filter((method) -> !method.isEmpty() && !"TRACE".equals(method.toUpperCase(Locale.ROOT)))
			.collect(Collectors.joining(", "));
	}

	private static final class AsOptions extends HttpServletRequestWrapper {

		AsOptions(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getMethod() {
			return "OPTIONS";
		}

	}

	/**
	 * Keeps the status and {@code Allow} header of an {@code OPTIONS} answer, and drops
	 * its body.
	 */
	private static final class OptionsProbe extends HttpServletResponseWrapper {

		private int status = SC_OK;

		private String allow;

		private final ServletOutputStream discard = new ServletOutputStream() {

			@Override
			public void write(int b) {
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(WriteListener listener) {
			}

		};

		OptionsProbe(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setStatus(int status) {
			this.status = status;
		}

		@Override
		public void sendError(int status) {
			this.status = status;
		}

		@Override
		public void sendError(int status, String message) {
			this.status = status;
		}

		@Override
		public int getStatus() {
			return this.status;
		}

		@Override
		public void setHeader(String name, String value) {
			if (HttpHeaders.ALLOW.equalsIgnoreCase(name)) {
				this.allow = value;
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (HttpHeaders.ALLOW.equalsIgnoreCase(name)) {
				this.allow = (this.allow == null) ? value : this.allow + ", " + value;
			}
		}

		@Override
		public boolean containsHeader(String name) {
			return HttpHeaders.ALLOW.equalsIgnoreCase(name) && this.allow != null;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ALLOW.equalsIgnoreCase(name) ? this.allow : null;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return this.discard;
		}

		@Override
		public PrintWriter getWriter() {
			return new PrintWriter(Writer.nullWriter());
		}

		@Override
		public void setContentLength(int length) {
		}

		@Override
		public void setContentLengthLong(long length) {
		}

		@Override
		public void setContentType(String type) {
		}

		@Override
		public void flushBuffer() {
		}

		@Override
		public boolean isCommitted() {
			return false;
		}

		@Override
		public void reset() {
		}

		@Override
		public void resetBuffer() {
		}

	}

	/**
	 * Leaves out an empty {@code Accept-Patch} header.
	 */
	private static final class WithoutEmptyAcceptPatch extends HttpServletResponseWrapper {

		WithoutEmptyAcceptPatch(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!isEmptyAcceptPatch(name, value)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!isEmptyAcceptPatch(name, value)) {
				super.addHeader(name, value);
			}
		}

		private static boolean isEmptyAcceptPatch(String name, String value) {
			return "Accept-Patch".equalsIgnoreCase(name) && (value == null || value.isBlank());
		}

	}

}
