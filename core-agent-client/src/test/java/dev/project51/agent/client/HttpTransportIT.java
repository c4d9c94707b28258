package dev.project51.agent.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.project51.agent.client.transport.ApacheHttpTransport;
import dev.project51.agent.client.transport.HttpTransport;
import dev.project51.agent.client.transport.JdkHttpTransport;
import dev.project51.agent.client.transport.TransportRequest;
import dev.project51.agent.client.transport.TransportResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Both transports on real sockets, against {@link HttpTransport}'s contract: aborting
 * really closes the connection, in both phases of an exchange and whichever way it is
 * aborted; a refused or timed-out connection is the failure that tells the client the
 * request never reached the server; a body read to its length leaves the connection for
 * the next exchange.
 */
class HttpTransportIT {

	static Stream<Arguments> transports() {
		Function<Duration, HttpTransport> jdk = JdkHttpTransport::create;
		Function<Duration, HttpTransport> apache = ApacheHttpTransport::create;
		return Stream.of(Arguments.of(Named.of("JdkHttpTransport", jdk)),
				Arguments.of(Named.of("ApacheHttpTransport", apache)));
	}

	/**
	 * Per test, a fresh server and transport of each kind; JUnit closes them after it.
	 */
	static Stream<Loopback> loopbacks() throws IOException {
		return Stream.of(new Loopback(loopbackServer(), JdkHttpTransport.create(Duration.ofSeconds(1))),
				new Loopback(loopbackServer(), ApacheHttpTransport.create(Duration.ofSeconds(1))));
	}

	@ParameterizedTest
	@MethodSource("loopbacks")
	void cancellingBeforeTheHeadersClosesTheConnection(Loopback loopback) throws Exception {
		CompletableFuture<TransportResponse> response = loopback.send();
		try (Socket socket = loopback.accept()) {
			response.cancel(true);
			assertClosed(socket);
		}
		assertThatExceptionOfType(CancellationException.class).isThrownBy(response::join);
	}

	@ParameterizedTest
	@MethodSource("loopbacks")
	void interruptingTheWaitingThreadAbortsTheExchange(Loopback loopback) throws Exception {
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				loopback.transport().exchange(loopback.request()).close();
			}
			catch (Throwable ex) {
				thrown.set(ex);
			}
		});
		caller.start();
		try (Socket socket = loopback.accept()) {
			caller.interrupt();
			caller.join(5000);
			assertThat(caller.isAlive()).as("caller released by the interrupt").isFalse();
			assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
			assertClosed(socket);
		}
	}

	@ParameterizedTest
	@MethodSource("loopbacks")
	void closingTheResponseReleasesABlockedReaderAndTheConnection(Loopback loopback) throws Exception {
		CompletableFuture<TransportResponse> pending = loopback.send();
		try (Socket socket = loopback.accept()) {
			answer(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "5\r\nhello\r\n");
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
			assertClosed(socket);
		}
	}

	@ParameterizedTest
	@MethodSource("loopbacks")
	void aBodyReadToItsLengthLeavesTheConnectionForTheNextExchange(Loopback loopback) throws Exception {
		CompletableFuture<TransportResponse> first = loopback.send();
		try (Socket socket = loopback.accept()) {
			String json = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
			answer(socket, json);
			try (TransportResponse response = first.get(5, TimeUnit.SECONDS)) {
				// A JSON reader stops after the last brace, before the end of the
				// body.
				assertThat(response.body().readNBytes(2)).isEqualTo("{}".getBytes(StandardCharsets.US_ASCII));
			}
			CompletableFuture<TransportResponse> second = loopback.send();
			RawSocketServer.readHead(socket.getInputStream());
			answer(socket, json);
			try (TransportResponse response = second.get(5, TimeUnit.SECONDS)) {
				assertThat(response.statusCode()).isEqualTo(200);
			}
		}
	}

	@ParameterizedTest
	@MethodSource("transports")
	void aRefusedConnectionIsAConnectException(Function<Duration, HttpTransport> transports) throws Exception {
		int closedPort;
		try (ServerSocket server = loopbackServer()) {
			closedPort = server.getLocalPort();
		}
		try (HttpTransport transport = transports.apply(Duration.ofSeconds(1))) {
			TransportRequest request = new TransportRequest("GET", URI.create("http://127.0.0.1:" + closedPort + "/x"),
					Map.of(), null);
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> transport.exchange(request));
		}
	}

	@ParameterizedTest
	@MethodSource("transports")
	void aConnectionThatIsNeverAcceptedIsAnHttpConnectTimeoutException(Function<Duration, HttpTransport> transports)
			throws Exception {
		List<Socket> queued = new ArrayList<>();
		try (ServerSocket server = loopbackServer();
				HttpTransport transport = transports.apply(Duration.ofMillis(300))) {
			// Never accepted: once its accept queue is full, the server drops new
			// connections.
			fillAcceptQueue(server, queued);
			assertThatExceptionOfType(HttpConnectTimeoutException.class)
				.isThrownBy(() -> transport.exchange(get(server)));
		}
		finally {
			for (Socket socket : queued) {
				socket.close();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("transports")
	void anHttpsServerWhoseCertificateTheJdkDoesNotTrustIsRefused(Function<Duration, HttpTransport> transports,
			@TempDir Path dir) throws Exception {
		HttpsServer server = selfSignedServer(dir);
		try (HttpTransport transport = transports.apply(Duration.ofSeconds(2))) {
			TransportRequest request = new TransportRequest("GET",
					URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/x"), Map.of(), null);
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> transport.exchange(request))
				.satisfies((ex) -> assertThat(causes(ex)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
		}
		finally {
			server.stop(0);
		}
	}

	/**
	 * An HTTPS server on loopback with a new self-signed certificate (keytool), which no
	 * trust store knows.
	 */
	private static HttpsServer selfSignedServer(Path dir) throws Exception {
		Path keystore = dir.resolve("server.p12");
		char[] password = "changeit".toCharArray();
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-ext", "SAN=ip:127.0.0.1", "-validity", "1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
				"-storepass", new String(password))
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor()).as("keytool: %s", output).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, password);
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, password);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.start();
		return server;
	}

	private static List<Throwable> causes(Throwable thrown) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = thrown; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static void fillAcceptQueue(ServerSocket server, List<Socket> queued) throws IOException {
		for (int i = 0; i < 16; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 300);
				queued.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return;
			}
		}
		throw new IllegalStateException("The accept queue did not fill up");
	}

	/**
	 * The transport closed the connection: the server reads its end, or a reset (an abort
	 * may close with SO_LINGER 0).
	 */
	private static void assertClosed(Socket socket) throws IOException {
		try {
			assertThat(socket.getInputStream().read()).as("server reads end of stream").isEqualTo(-1);
		}
		catch (SocketException ex) {
			assertThat(ex).hasMessageContaining("Connection reset");
		}
	}

	/**
	 * A loopback server that the test accepts on, and a transport that calls it.
	 *
	 * @param server the server
	 * @param transport the transport
	 */
	record Loopback(ServerSocket server, HttpTransport transport) implements AutoCloseable {

		TransportRequest request() {
			return get(this.server);
		}

		CompletableFuture<TransportResponse> send() {
			return this.transport.send(request());
		}

		Socket accept() throws IOException {
			return acceptRequest(this.server);
		}

		@Override
		public void close() throws IOException {
			this.transport.close();
			this.server.close();
		}

		@Override
		public String toString() {
			return this.transport.getClass().getSimpleName();
		}

	}

	private static void answer(Socket socket, String response) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(response.getBytes(StandardCharsets.US_ASCII));
		out.flush();
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
