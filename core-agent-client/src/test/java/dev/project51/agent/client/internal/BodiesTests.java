package dev.project51.agent.client.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BodiesTests {

	@Test
	void readsABodyWithinTheLimit() throws IOException {
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(new byte[100]), Optional.of("100"), 100)).hasSize(100);
	}

	@Test
	void failsOnTheDeclaredLengthWithoutReading() {
		InputStream untouched = new InputStream() {

			@Override
			public int read() {
				throw new AssertionError("must not read");
			}

		};
		assertThatExceptionOfType(BodyTooLargeException.class)
			.isThrownBy(() -> Bodies.readAtMost(untouched, Optional.of("101"), 100))
			.withMessage(
					"The response body is larger than the limit of 100 bytes (maxResponseBytes): Content-Length is 101")
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(100));
	}

	@Test
	void failsAsSoonAsAnUndeclaredBodyExceedsTheLimit() {
		int[] reads = new int[1];
		InputStream endless = new InputStream() {

			@Override
			public int read() {
				return 'x';
			}

			@Override
			public int read(byte[] b, int off, int len) {
				reads[0]++;
				return Math.min(len, 10);
			}

		};
		assertThatExceptionOfType(BodyTooLargeException.class)
			.isThrownBy(() -> Bodies.readAtMost(endless, Optional.empty(), 100));
		assertThat(reads[0]).isEqualTo(11);
	}

	@Test
	void readsABodyThatIsLongerOrShorterThanDeclaredAsItIs() throws IOException {
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(new byte[5]), Optional.of("3"), 100)).hasSize(5);
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(new byte[2]), Optional.of("3"), 100)).hasSize(2);
		assertThatExceptionOfType(BodyTooLargeException.class)
			.isThrownBy(() -> Bodies.readAtMost(new ByteArrayInputStream(new byte[200]), Optional.of("3"), 100));
	}

	@Test
	void ignoresAMalformedContentLength() throws IOException {
		assertThat(Bodies.readAtMost(new ByteArrayInputStream(new byte[3]), Optional.of("many"), 100)).hasSize(3);
	}

}
