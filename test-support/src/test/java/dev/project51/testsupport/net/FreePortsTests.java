package dev.project51.testsupport.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FreePortsTests {

	@Test
	void portsAskedForAtOnceAreDistinctAndFreeToListenOn() throws IOException {
		int[] ports = FreePorts.of(20);
		assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(20);
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(socket.getLocalPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void onePortIsAPortNumber() {
		assertThat(FreePorts.one()).isBetween(1, 65535);
	}

	@Test
	void askingForNoPortIsAMistake() {
		assertThatIllegalArgumentException().isThrownBy(() -> FreePorts.of(0))
			.withMessage("count must be at least 1, was 0");
	}

}
