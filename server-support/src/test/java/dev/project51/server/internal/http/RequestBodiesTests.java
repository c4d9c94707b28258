package dev.project51.server.internal.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestBodies}: the UTF-8 rule of both servers agrees with the JDK's strict
 * decoder, byte sequence by byte sequence.
 */
class RequestBodiesTests {

	private static final int[] EDGES = { 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF };

	private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final List<String> disagreements = new ArrayList<>();

	@Test
	void wellFormedTextOfEveryLengthIsAccepted() {
		assertThat(RequestBodies.isUtf8("{\"message\":\"héllo € 𝄞 \u0000\"}".getBytes(StandardCharsets.UTF_8)))
			.isTrue();
		assertThat(RequestBodies.isUtf8(new byte[0])).isTrue();
	}

	@Test
	void overlongFormsSurrogatesCodePointsAboveTheRangeAndCutOffCharactersAreRefused() {
		assertThat(RequestBodies.isUtf8(bytes(0xC0, 0x80))).as("overlong NUL").isFalse();
		assertThat(RequestBodies.isUtf8(bytes(0xE0, 0x80, 0xAF))).as("overlong '/'").isFalse();
		assertThat(RequestBodies.isUtf8(bytes(0xED, 0xA0, 0x80))).as("surrogate U+D800").isFalse();
		assertThat(RequestBodies.isUtf8(bytes(0xF4, 0x90, 0x80, 0x80))).as("U+110000").isFalse();
		assertThat(RequestBodies.isUtf8(bytes(0x7B, 0xE2, 0x82))).as("cut off").isFalse();
		assertThat(RequestBodies.isUtf8(bytes(0xFF))).as("never occurs").isFalse();
	}

	@Test
	void everySequenceOfOneOrTwoBytesIsJudgedAsTheJdksStrictDecoderJudgesIt() {
		for (int a = 0; a < 256; a++) {
			agrees(bytes(a));
			for (int b = 0; b < 256; b++) {
				agrees(bytes(a, b));
			}
		}
	}

	@Test
	void longerSequencesWithEveryFirstTwoBytesAndTheRestAtTheEdgesOfEachRangeAreJudgedAsTheJdkJudgesThem() {
		for (int a = 0xC0; a < 256; a++) {
			for (int b = 0; b < 256; b++) {
				for (int c : EDGES) {
					agrees(bytes(a, b, c));
				}
			}
		}
		for (int a = 0xF0; a <= 0xF8; a++) {
			for (int b = 0; b < 256; b++) {
				for (int c : EDGES) {
					for (int d : EDGES) {
						agrees(bytes(a, b, c, d));
					}
				}
			}
		}
	}

	@Test
	void tooLargeNamesTheLimitAndWhatToDo() {
		assertThat(RequestBodies.tooLarge(65536))
			.isEqualTo("The request body is larger than 65536 bytes; send a shorter message.");
	}

	@AfterEach
	void noSequenceWasJudgedOtherwise() {
		assertThat(this.disagreements).isEmpty();
	}

	private void agrees(byte[] bytes) {
		boolean expected;
		try {
			this.strict.reset().decode(ByteBuffer.wrap(bytes));
			expected = true;
		}
		catch (CharacterCodingException ex) {
			expected = false;
		}
		if (RequestBodies.isUtf8(bytes) != expected && this.disagreements.size() < 10) {
			this.disagreements.add(hex(bytes) + (expected ? " refused" : " accepted"));
		}
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02X ", b & 0xFF));
		}
		return hex.toString().strip();
	}

}
