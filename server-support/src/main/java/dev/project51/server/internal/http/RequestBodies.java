package dev.project51.server.internal.http;

/**
 * The two servers' rules for a request body before Jackson reads it: at most so many
 * bytes, and well-formed UTF-8. The problems they answer with say the same in both.
 */
public final class RequestBodies {

	/** The detail of a body that is not well-formed UTF-8. */
	public static final String NOT_UTF8 = "The request body is not valid UTF-8; send JSON encoded as UTF-8.";

	private RequestBodies() {
	}

	/**
	 * The detail of a body over the limit.
	 * @param limit the most bytes accepted
	 * @return the detail, the same whether the size was announced or counted
	 */
	public static String tooLarge(long limit) {
		return "The request body is larger than " + limit + " bytes; send a shorter message.";
	}

	/**
	 * Whether bytes are well-formed UTF-8.
	 * @param bytes the bytes
	 * @return whether {@link Utf8Check} accepts all of them as a whole
	 */
	public static boolean isUtf8(byte[] bytes) {
		Utf8Check check = new Utf8Check();
		for (byte b : bytes) {
			if (!check.accept(b & 0xFF)) {
				return false;
			}
		}
		return check.isComplete();
	}

	/**
	 * Checks bytes as they arrive for well-formed UTF-8 (RFC 3629: no overlong forms, no
	 * encoded surrogates, nothing above U+10FFFF), which Jackson's decoder does not fully
	 * check. Not thread-safe: one per body.
	 */
	public static final class Utf8Check {

		private int remaining;

		private int lowest = 0x80;

		private int highest = 0xBF;

		/**
		 * Takes the next byte.
		 * @param b the byte, from 0 to 255
		 * @return {@code false} when the bytes so far are not the start of well-formed
		 * UTF-8
		 */
		public boolean accept(int b) {
			if (this.remaining == 0) {
				if (b < 0x80) {
					return true;
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
					return false;
				}
				return true;
			}
			if (b < this.lowest || b > this.highest) {
				return false;
			}
			this.remaining--;
			this.lowest = 0x80;
			this.highest = 0xBF;
			return true;
		}

		/**
		 * Whether the bytes taken end at a character boundary, checked at the end of the
		 * body.
		 * @return {@code false} when the last character is cut off
		 */
		public boolean isComplete() {
			return this.remaining == 0;
		}

		private void expect(int remaining, int lowest, int highest) {
			this.remaining = remaining;
			this.lowest = lowest;
			this.highest = highest;
		}

	}

}
