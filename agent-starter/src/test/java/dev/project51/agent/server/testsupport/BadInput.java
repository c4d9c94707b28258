package dev.project51.agent.server.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.agent.server.testsupport.RawHttp.Response;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bad-input tests of both starters share: hand-made request bodies, the check of
 * a problem's fields, the wording of a failure and the report of a test's failures.
 */
public final class BadInput {

	private BadInput() {
	}

	/**
	 * Byte sequences that are not UTF-8: a byte that never occurs, an overlong encoding,
	 * a surrogate, a truncated sequence, a lone continuation byte and a code point above
	 * U+10FFFF.
	 * @return the sequences
	 */
	public static List<byte[]> invalidUtf8() {
		return List.of(new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC0, (byte) 0xAF },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xE2, (byte) 0x82 },
				new byte[] { (byte) 0x80 }, new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 });
	}

	/**
	 * A body in chunked transfer coding.
	 * @param body the body
	 * @param chunkSize the size of each chunk but the last
	 * @return the chunks, with the last (empty) one
	 */
	public static byte[] chunked(byte[] body, int chunkSize) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int offset = 0; offset < body.length; offset += chunkSize) {
			int size = Math.min(chunkSize, body.length - offset);
			out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes());
			out.write(body, offset, size);
			out.writeBytes("\r\n".getBytes());
		}
		out.writeBytes("0\r\n\r\n".getBytes());
		return out.toByteArray();
	}

	/**
	 * The parts one after the other.
	 * @param parts the parts
	 * @return their bytes
	 */
	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * Bytes in upper-case hexadecimal.
	 * @param bytes the bytes
	 * @return two digits a byte
	 */
	public static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02X", b & 0xFF));
		}
		return hex.toString();
	}

	/**
	 * Bytes percent-encoded, every one of them.
	 * @param bytes the bytes
	 * @return {@code %XX} a byte
	 */
	public static String percent(byte[] bytes) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : bytes) {
			encoded.append(String.format("%%%02X", b & 0xFF));
		}
		return encoded.toString();
	}

	/**
	 * The start of a body, for a failure's label.
	 * @param body the body
	 * @return at most 200 characters and the size
	 */
	public static String preview(byte[] body) {
		String text = new String(body, StandardCharsets.ISO_8859_1);
		return (text.length() > 200) ? text.substring(0, 200) + "... (" + body.length + " bytes)" : text;
	}

	/**
	 * The start of a text, for a failure's label.
	 * @param text the text
	 * @return at most 60 characters
	 */
	public static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

	/**
	 * Whether a body is a Project51 problem of the answer's status, with a title and a
	 * detail.
	 * @param body the body, read as JSON
	 * @param response the answer
	 * @return whether it is
	 */
	public static boolean isProblem(JsonNode body, Response response) {
		return body.path("type").asString("").startsWith("https://project51.dev/problems/")
				&& !body.path("title").asString("").isBlank() && body.path("status").asInt(0) == response.status()
				&& !body.path("detail").asString("").isBlank();
	}

	/**
	 * A failure as a test reports it: the case, the reason and the start of the answer.
	 * @param label the case
	 * @param reason what is wrong
	 * @param response the answer
	 * @return the message
	 */
	public static String failure(String label, String reason, Response response) {
		String answer = response.toString();
		return label + ": " + reason + "\n    "
				+ ((answer.length() > 600) ? answer.substring(0, 600) + "..." : answer).replace("\r\n", "\n    ");
	}

	/**
	 * The cases a bad-input test checked and the failures among them, reported together
	 * after the test with the seed that reproduces its cases. Register it on an instance
	 * field with {@code @RegisterExtension}: a test fails after it ran if a case failed.
	 */
	public static final class Findings implements AfterEachCallback {

		private final long seed;

		private final List<String> failures = new ArrayList<>();

		private int cases;

		/**
		 * Findings of a test.
		 * @param seed the seed of the test's random cases
		 */
		public Findings(long seed) {
			this.seed = seed;
		}

		/**
		 * Counts one more checked case.
		 */
		public void countCase() {
			this.cases++;
		}

		/**
		 * Counts a case and records its answer's failures of status: none at all, a
		 * server error, or a status not expected.
		 * @param label the case
		 * @param response the answer
		 * @param expected the statuses expected; none for any below 500
		 * @return whether there was an answer to check further
		 */
		public boolean checkStatus(String label, Response response, int... expected) {
			this.cases++;
			if (response.status() < 0) {
				fail(label, "no answer", response);
				return false;
			}
			if (response.status() >= 500) {
				fail(label, "server error", response);
			}
			if (expected.length > 0 && Arrays.stream(expected).noneMatch((status) -> status == response.status())) {
				fail(label, "status " + response.status() + ", expected one of " + Arrays.toString(expected), response);
			}
			return true;
		}

		/**
		 * Records internal details an answer gives away: a match of the test's pattern of
		 * internals in what is checked of the answer, and a {@code Server} header.
		 * @param label the case
		 * @param response the answer
		 * @param internals what internal details look like
		 * @param checked the part of the answer to search
		 */
		public void checkNoInternals(String label, Response response, Pattern internals, String checked) {
			Matcher matcher = internals.matcher(checked);
			if (matcher.find()) {
				fail(label, "internals in the answer: '" + matcher.group() + "'", response);
			}
			if (response.header("Server") != null) {
				fail(label, "Server header", response);
			}
		}

		/**
		 * Records a failed case.
		 * @param label the case
		 * @param reason what is wrong
		 * @param response the answer
		 */
		public void fail(String label, String reason, Response response) {
			this.failures.add(failure(label, reason, response));
		}

		/**
		 * Records a failure in the test's own words.
		 * @param failure what is wrong
		 */
		public void fail(String failure) {
			this.failures.add(failure);
		}

		@Override
		public void afterEach(ExtensionContext context) {
			assertThat(this.failures)
				.as("%d failures of %d cases (seed %d)", this.failures.size(), this.cases, this.seed)
				.isEmpty();
		}

	}

}
