package dev.project51.agent.server.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.project51.agent.server.testsupport.RawHttp.Response;
import tools.jackson.databind.JsonNode;

/**
 * What the bad-input tests of both starters share: hand-made request bodies, the check of
 * a problem's fields and the wording of a failure.
 */
public final class BadInput {

	private BadInput() {
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

}
