package dev.project51.agent.server.security.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.server.internal.http.RequestBodies;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpHeaders;

/**
 * A request whose body fails with a 413 problem once it exceeds the limit, and with a 400
 * problem when it is not well-formed UTF-8.
 */
final class LimitedRequest extends HttpServletRequestWrapper {

	private final long limit;

	private final boolean hideContentType;

	private ServletInputStream stream;

	/**
	 * @param hideContentType whether to hide the {@code Content-Type} of a request whose
	 * method has no body, so a meaningless one (such as multipart without a boundary)
	 * cannot fail the request
	 */
	LimitedRequest(HttpServletRequest request, long limit, boolean hideContentType) {
		super(request);
		this.limit = limit;
		this.hideContentType = hideContentType;
	}

	@Override
	public String getContentType() {
		return this.hideContentType ? null : super.getContentType();
	}

	@Override
	public String getHeader(String name) {
		return (this.hideContentType && HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return (this.hideContentType && HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name))
				? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
		}
		return this.stream;
	}

	static AgentProblemException tooLarge(long limit) {
		return new AgentProblemException(ProblemType.PAYLOAD_TOO_LARGE, RequestBodies.tooLarge(limit));
	}

	private static AgentProblemException notUtf8() {
		return new AgentProblemException(ProblemType.INVALID_REQUEST, RequestBodies.NOT_UTF8);
	}

	private final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		private final RequestBodies.Utf8Check utf8 = new RequestBodies.Utf8Check();

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
				check(b);
			}
			else {
				checkComplete();
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
				for (int i = offset; i < offset + n; i++) {
					check(buffer[i] & 0xFF);
				}
			}
			else if (n < 0) {
				checkComplete();
			}
			return n;
		}

		private void check(int b) {
			if (!this.utf8.accept(b)) {
				throw notUtf8();
			}
		}

		private void checkComplete() {
			if (!this.utf8.isComplete()) {
				throw notUtf8();
			}
		}

		private void count(int n) {
			this.count += n;
			if (this.count > this.limit) {
				throw tooLarge(this.limit);
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
