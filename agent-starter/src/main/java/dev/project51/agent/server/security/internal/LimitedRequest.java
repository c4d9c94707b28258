package dev.project51.agent.server.security.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.problem.internal.AgentProblemException;
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
		return new AgentProblemException(ProblemType.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + limit + " bytes; send a shorter message.");
	}

	/**
	 * Checks that bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no encoded
	 * surrogates, nothing above U+10FFFF), which Jackson's decoder does not fully check.
	 */
	static final class Utf8Validator {

		private int remaining;

		private int lowest = 0x80;

		private int highest = 0xBF;

		void accept(int b) {
			if (this.remaining == 0) {
				if (b < 0x80) {
					return;
				}
				if (b >= 0xC2 && b <= 0xDF) {
					expect(1, 0x80, 0xBF);
				}
				else if (b >= 0xE0 && b <= 0xEF) {
					expect(2, (b == 0xE0) ? 0xA0 : 0x80, (b == 0xED) ? 0x9F : 0xBF);
				}
				else if (b >= 0xF0 && b <= 0xF4) {
					expect(3, (b == 0xF0) ? 0x90 : 0x80, (b == 0xF4) ? 0x8F : 0xBF);
				}
				else {
					throw invalid();
				}
				return;
			}
			if (b < this.lowest || b > this.highest) {
				throw invalid();
			}
			this.remaining--;
			this.lowest = 0x80;
			this.highest = 0xBF;
		}

		void end() {
			if (this.remaining != 0) {
				throw invalid();
			}
		}

		private void expect(int remaining, int lowest, int highest) {
			this.remaining = remaining;
			this.lowest = lowest;
			this.highest = highest;
		}

		private static AgentProblemException invalid() {
			return new AgentProblemException(ProblemType.INVALID_REQUEST,
					"The body is not valid UTF-8; send JSON encoded as UTF-8.");
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

		private final Utf8Validator utf8 = new Utf8Validator();

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
				this.utf8.accept(b);
			}
			else {
				this.utf8.end();
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
				for (int i = offset; i < offset + n; i++) {
					this.utf8.accept(buffer[i] & 0xFF);
				}
			}
			else if (n < 0) {
				this.utf8.end();
			}
			return n;
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
