package dev.project51.frontend.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of hostile request bodies for JSON endpoints: random types for each
 * field, missing, extra and duplicate fields, {@code null}s, deep nesting, huge numbers,
 * long strings, lone surrogates, NUL and control characters, a byte order mark, invalid
 * UTF-8, truncated JSON and bodies that are not JSON at all. The same seed gives the same
 * bodies.
 */
public final class HostileJson {

	private static final List<String> ODD_STRINGS = List.of("", " ", "\\u0000", "\\ud800", "\\udfff", "a\\ud800b",
			"\\udc00\\ud800", "\\u202e", "\\ufeff", "\\t\\r\\n", "../../etc/passwd", "%2e%2e%2f",
			"<script>alert(1)</script>", "${jndi:ldap://x/a}", "' OR 1=1 --", "\\\\", "\\\"", "null", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
			"😀", "c-1;jsessionid=x", "ok-id");

	private final Random random;

	/**
	 * A generator.
	 * @param seed the seed
	 */
	public HostileJson(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * A hostile body for an endpoint that expects an object with the given string fields,
	 * e.g. {@code conversationId} and {@code message}.
	 * @param fields the expected fields
	 * @param validId a well-formed conversation id the body may use
	 * @return the body bytes
	 */
	public byte[] body(List<String> fields, String validId) {
		return switch (this.random.nextInt(16)) {
			case 0, 1, 2 -> utf8(object(fields, validId));
			case 3 -> utf8(duplicateKeys(fields, validId));
			case 4 -> utf8(deepNesting());
			case 5 -> utf8("{\"" + pick(fields) + "\":" + hugeNumber() + "}");
			case 6 -> utf8("{\"" + fields.get(fields.size() - 1) + "\":\"" + "x".repeat(longLength()) + "\"}");
			case 7 -> controlCharacters(fields);
			case 8 -> withBom(utf8(object(fields, validId)));
			case 9 -> truncated(utf8(object(fields, validId)));
			case 10 -> utf8(notJson());
			case 11 -> utf8(topLevelScalar());
			case 12 -> invalidUtf8(fields);
			case 13 -> utf8(lenientJson(fields));
			case 14 -> utf8(object(fields, validId) + trailing());
			default -> randomBytes();
		};
	}

	/**
	 * A hostile body in the shape of an OpenAI chat completion request.
	 * @return the body bytes
	 */
	public byte[] completionBody() {
		int kind = this.random.nextInt(4);
		if (kind == 0) {
			return body(List.of("model", "messages", "stream"), "x");
		}
		StringBuilder json = new StringBuilder("{");
		if (this.random.nextBoolean()) {
			json.append("\"model\":").append(value(2)).append(',');
		}
		if (this.random.nextInt(4) > 0) {
			json.append("\"stream\":").append(this.random.nextBoolean() ? value(1) : "false").append(',');
		}
		json.append("\"messages\":");
		if (this.random.nextInt(5) == 0) {
			json.append(value(3));
		}
		else {
			json.append('[');
			int count = this.random.nextInt(5);
			for (int i = 0; i < count; i++) {
				if (i > 0) {
					json.append(',');
				}
				json.append(this.random.nextInt(5) == 0 ? value(2) : completionMessage(i == count - 1));
			}
			json.append(']');
		}
		return utf8(json.append('}').toString());
	}

	private String completionMessage(boolean last) {
		StringBuilder message = new StringBuilder("{");
		String role = switch (this.random.nextInt(6)) {
			case 0 -> value(1);
			case 1 -> "\"system\"";
			case 2 -> "\"assistant\"";
			case 3 -> "\"" + pick(ODD_STRINGS) + "\"";
			default -> "\"user\"";
		};
		message.append("\"role\":").append(role);
		String content = switch (this.random.nextInt(7)) {
			case 0 -> value(2);
			case 1 -> "[" + contentPart() + "," + contentPart() + "]";
			case 2 -> "null";
			case 3 -> "[" + value(1) + "]";
			default -> quote(last ? "How do I roll back?" : randomText(20));
		};
		if (this.random.nextInt(8) > 0) {
			message.append(",\"content\":").append(content);
		}
		return message.append('}').toString();
	}

	private String contentPart() {
		String type = this.random.nextBoolean() ? "\"text\"" : value(1);
		String text = this.random.nextBoolean() ? quote(randomText(10)) : value(2);
		return "{\"type\":" + type + ",\"text\":" + text + "}";
	}

	private String object(List<String> fields, String validId) {
		StringBuilder json = new StringBuilder("{");
		boolean first = true;
		for (String field : fields) {
			int choice = this.random.nextInt(6);
			if (choice == 0) {
				continue; // missing
			}
			String value = switch (choice) {
				case 1 -> "null";
				case 2 -> value(2);
				case 3 -> quote(pick(ODD_STRINGS));
				case 4 -> quote(field.toLowerCase().contains("id") ? validId : randomText(30));
				default -> quote(randomText(this.random.nextInt(8) == 0 ? 600 : 12));
			};
			first = append(json, first, field, value);
		}
		int extras = this.random.nextInt(3);
		for (int i = 0; i < extras; i++) {
			first = append(json, first, randomText(6), value(2));
		}
		return json.append('}').toString();
	}

	private static boolean append(StringBuilder json, boolean first, String name, String value) {
		if (!first) {
			json.append(',');
		}
		json.append(quote(name)).append(':').append(value);
		return false;
	}

	private String duplicateKeys(List<String> fields, String validId) {
		String field = pick(fields);
		return "{" + quote(field) + ":" + quote(validId) + "," + quote(field) + ":" + value(1) + ","
				+ quote(fields.get(fields.size() - 1)) + ":\"hello\"," + quote(field) + ":\"again\"}";
	}

	private String deepNesting() {
		int depth = List.of(600, 1_000, 10_000).get(this.random.nextInt(3));
		String open = this.random.nextBoolean() ? "[" : "{\"a\":";
		return switch (this.random.nextInt(3)) {
			case 0 -> open.repeat(depth);
			case 1 -> "{\"message\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
			default -> "[".repeat(depth) + "]".repeat(depth);
		};
	}

	private String hugeNumber() {
		return switch (this.random.nextInt(7)) {
			case 0 -> "1e999999999";
			case 1 -> "-" + "9".repeat(1200);
			case 2 -> "123456789012345678901234567890";
			case 3 -> "NaN";
			case 4 -> "-Infinity";
			case 5 -> "0." + "0".repeat(900) + "1";
			default -> "1" + "0".repeat(400) + ".5e-400";
		};
	}

	private int longLength() {
		return List.of(499, 500, 501, 3_000, 3_900, 4_200, 100_000).get(this.random.nextInt(7));
	}

	private byte[] controlCharacters(List<String> fields) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(utf8("{\"" + fields.get(fields.size() - 1) + "\":\"a"));
		int count = 1 + this.random.nextInt(4);
		for (int i = 0; i < count; i++) {
			out.write(this.random.nextInt(0x20));
		}
		out.writeBytes(utf8("b\"}"));
		return out.toByteArray();
	}

	private static byte[] withBom(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0xEF);
		out.write(0xBB);
		out.write(0xBF);
		out.writeBytes(body);
		return out.toByteArray();
	}

	private byte[] truncated(byte[] body) {
		int length = (body.length <= 1) ? 0 : this.random.nextInt(body.length - 1);
		return java.util.Arrays.copyOf(body, length);
	}

	private String notJson() {
		return switch (this.random.nextInt(7)) {
			case 0 -> "";
			case 1 -> "<message>hi</message>";
			case 2 -> "message=hi&conversationId=x";
			case 3 -> "{message: hi}";
			case 4 -> "--x\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhi\r\n--x--\r\n";
			case 5 -> "\u0000\u0000\u0000";
			default -> "}{";
		};
	}

	private String topLevelScalar() {
		return List.of("null", "true", "0", "\"message\"", "[]", "[{\"message\":\"hi\"}]", "{}", "  ")
			.get(this.random.nextInt(8));
	}

	private byte[] invalidUtf8(List<String> fields) {
		byte[][] bad = { { (byte) 0xFF }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
				{ (byte) 0xE2, (byte) 0x82 }, { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0x80 } };
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(utf8("{\"" + pick(fields) + "\":\"x"));
		out.writeBytes(bad[this.random.nextInt(bad.length)]);
		out.writeBytes(utf8("y\"}"));
		return out.toByteArray();
	}

	private String lenientJson(List<String> fields) {
		String field = fields.get(fields.size() - 1);
		return switch (this.random.nextInt(4)) {
			case 0 -> "{'" + field + "':'hi'}";
			case 1 -> "{" + field + ":\"hi\"}";
			case 2 -> "{\"" + field + "\":\"hi\" /* comment */}";
			default -> "{\"" + field + "\":\"hi\",}";
		};
	}

	private String trailing() {
		return List.of(" x", "{}", ",", "]", "\u0000").get(this.random.nextInt(5));
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[this.random.nextInt(200)];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private String value(int depth) {
		int kind = this.random.nextInt((depth > 0) ? 9 : 7);
		return switch (kind) {
			case 0 -> "null";
			case 1 -> Boolean.toString(this.random.nextBoolean());
			case 2 -> Long.toString(this.random.nextLong());
			case 3 -> Double.toString(this.random.nextDouble() * 1e300);
			case 4 -> quote(randomText(this.random.nextInt(40)));
			case 5 -> quote(pick(ODD_STRINGS));
			case 6 -> this.random.nextBoolean() ? "1e308" : "-0.0";
			case 7 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
			default -> "{" + quote(randomText(4)) + ":" + value(depth - 1) + "}";
		};
	}

	private String randomText(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			int kind = this.random.nextInt(10);
			if (kind < 7) {
				text.append((char) ('a' + this.random.nextInt(26)));
			}
			else if (kind == 7) {
				text.append(' ');
			}
			else if (kind == 8) {
				text.append("\\u").append(String.format("%04x", this.random.nextInt(0x10000)));
			}
			else {
				text.appendCodePoint(0xA0 + this.random.nextInt(0x2000));
			}
		}
		return text.toString();
	}

	private static String quote(String escapedContent) {
		return "\"" + escapedContent + "\"";
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
