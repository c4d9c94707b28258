package dev.project51.agent.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.project51.agent.client.transport.JdkHttpTransport;
import dev.project51.agent.client.transport.TransportRequest;
import dev.project51.agent.client.transport.TransportResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The JDK transport on real sockets: aborting really closes the connection, in both
 * phases of an exchange.
 */
class JdkHttpTransportIT {

	@Test
	void cancellingBeforeTheHeadersClosesTheConnection() throws Exception {
		try (ServerSocket server = loopbackServer();
				JdkHttpTransport transport = JdkHttpTransport.create(Duration.ofSeconds(1))) {
			CompletableFuture<TransportResponse> response = transport.send(get(server));
			try (Socket socket = acceptRequest(server)) {
				response.cancel(true);
				assertThat(socket.getInputStream().read()).as("server reads end of stream").isEqualTo(-1);
			}
			assertThatExceptionOfType(CancellationException.class).isThrownBy(response::join);
		}
	}

	@Test
	void closingTheResponseReleasesABlockedReaderAndTheConnection() throws Exception {
		try (ServerSocket server = loopbackServer();
				JdkHttpTransport transport = JdkHttpTransport.create(Duration.ofSeconds(1))) {
			CompletableFuture<TransportResponse> pending = transport.send(get(server));
			try (Socket socket = acceptRequest(server)) {
				OutputStream out = socket.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "5\r\nhello\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				TransportResponse response = pending.get(5, TimeUnit.SECONDS);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.header("content-type")).contains("text/event-stream");
				InputStream body = response.body();
				byte[] buffer = new byte[64];
				assertThat(new String(buffer, 0, body.read(buffer), StandardCharsets.US_ASCII)).isEqualTo("hello");
				CountDownLatch released = new CountDownLatch(1);
				Thread reader = new Thread(() -> {
					try {
						body.read(buffer);
					}
					catch (IOException ex) {
						released.countDown();
					}
				});
				reader.start();
				await("reader blocked while the server stalls").during(Duration.ofMillis(200))
					.atMost(Duration.ofSeconds(1))
					.until(() -> released.getCount() == 1);
				response.close();
				assertThat(released.await(5, TimeUnit.SECONDS)).as("reader released by close()").isTrue();
				assertThat(socket.getInputStream().read()).as("server reads end of stream").isEqualTo(-1);
			}
		}
	}

	private static TransportRequest get(ServerSocket server) {
		return new TransportRequest("GET", URI.create("http://127.0.0.1:" + server.getLocalPort() + "/x"),
				Map.of("Accept", "text/event-stream"), null);
	}

	private static ServerSocket loopbackServer() throws IOException {
		return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
	}

	/**
	 * Accepts the transport's connection and reads the head of its request, with a
	 * timeout on every further read.
	 */
	private static Socket acceptRequest(ServerSocket server) throws IOException {
		Socket socket = server.accept();
		socket.setSoTimeout(5000);
		RawSocketServer.readHead(socket.getInputStream());
		return socket;
	}

}
