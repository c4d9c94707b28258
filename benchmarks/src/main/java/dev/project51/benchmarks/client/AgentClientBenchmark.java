package dev.project51.benchmarks.client;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.json.JsonMapper;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.ChatStream;
import dev.project51.agent.client.StreamListener;
import dev.project51.agent.client.transport.TransportResponse;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.StreamEvent;

/**
 * What the agent client costs on top of a plain JDK {@link HttpClient} call, on loopback
 * against a local JDK {@link HttpServer} that answers at once: for a blocking
 * {@code chat}, and for a {@code stream} of {@code tokens} events.
 * <p>
 * The baselines {@code rawChat} and {@code rawStream} do the work any caller of the agent
 * has to do, so that they compare like with like: serialize the same {@link ChatRequest}
 * with Jackson, send it with the same JDK client, and read the answer into the same
 * records ({@link ChatReply}; one {@link StreamEvent} per server-sent event, read line by
 * line). The client adds the resilience machinery (retry context, circuit breaker,
 * watchdog), validation, size limits and typed errors, and for streams incremental SSE
 * parsing and listener dispatch. {@code rawChatBytes} and {@code rawStreamBytes} are the
 * transport alone (a pre-serialized body, the answer read as bytes), the floor under
 * both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
// TCP_NODELAY on the JDK HttpServer: without it, Nagle's algorithm and delayed ACKs add
// ~40 ms
// to each exchange on loopback and the benchmark would measure only that.
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true" })
public class AgentClientBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Number of token events in a streamed answer. */
	@Param("20")
	public int tokens;

	private HttpServer server;

	private ExecutorService serverThreads;

	private HttpClient raw;

	private AgentClient client;

	private AgentClient inMemoryClient;

	private URI chatUri;

	private URI streamUri;

	private byte[] requestBody;

	private ChatRequest request;

	@Setup(Level.Trial)
	public void start() throws IOException {
		byte[] reply = JSON.writeValueAsBytes(new ChatReply("c-1", "Run deploy.sh --rollback and watch the rollout.",
				"local", false, List.of(new Citation("knowledge/rolling-back.md", "Rolling back", null)), 3));
		byte[][] events = streamEvents(this.tokens);
		this.serverThreads = Executors.newFixedThreadPool(4);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
		this.server.setExecutor(this.serverThreads);
		this.server.createContext(AgentApi.CHAT_PATH, (exchange) -> answer(exchange, reply));
		this.server.createContext(AgentApi.CHAT_STREAM_PATH, (exchange) -> stream(exchange, events));
		this.server.start();
		String base = "http://127.0.0.1:" + this.server.getAddress().getPort();
		this.chatUri = URI.create(base + AgentApi.CHAT_PATH);
		this.streamUri = URI.create(base + AgentApi.CHAT_STREAM_PATH);
		this.request = ChatRequest.of("c-1", "How do I roll back a release?");
		this.requestBody = JSON.writeValueAsBytes(this.request);
		this.raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		this.client = AgentClient.builder().baseUrl(base).build();
		this.inMemoryClient = AgentClient.builder().baseUrl(base).transport((request) -> {
			TransportResponse response = new InMemoryResponse(reply);
			return CompletableFuture.completedFuture(response);
		}).build();
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.client.close();
		this.inMemoryClient.close();
		this.server.stop(0);
		this.serverThreads.shutdownNow();
	}

	/** Same request, same parsed answer as {@link #clientChat()}. */
	@Benchmark
	public ChatReply rawChat() throws IOException, InterruptedException {
		byte[] body = this.raw
			.send(post(this.chatUri, "application/json", JSON.writeValueAsBytes(this.request)),
					HttpResponse.BodyHandlers.ofByteArray())
			.body();
		return JSON.readValue(body, ChatReply.class);
	}

	/** The transport alone: a pre-serialized request, the answer's bytes unread. */
	@Benchmark
	public byte[] rawChatBytes() throws IOException, InterruptedException {
		return this.raw
			.send(post(this.chatUri, "application/json", this.requestBody), HttpResponse.BodyHandlers.ofByteArray())
			.body();
	}

	/**
	 * The JDK's asynchronous API, which the client used until it waited in {@code send}
	 * on the calling thread: its future completes through the common pool (on two cores,
	 * a new thread per call).
	 */
	@Benchmark
	public byte[] rawChatAsync() throws Exception {
		try (InputStream body = this.raw
			.sendAsync(post(this.chatUri, "application/json", this.requestBody),
					HttpResponse.BodyHandlers.ofInputStream())
			.get()
			.body()) {
			return body.readAllBytes();
		}
	}

	@Benchmark
	public ChatReply clientChat() {
		return this.client.chat(this.request);
	}

	/**
	 * The client's own work without any I/O: validation, JSON both ways, retry context,
	 * circuit breaker, watchdog scheduling.
	 */
	@Benchmark
	public ChatReply clientChatInMemory() {
		return this.inMemoryClient.chat(this.request);
	}

	/**
	 * Same request, same events as {@link #clientStreamIterator}: each server-sent event
	 * read line by line and its data into its {@link StreamEvent} record.
	 */
	@Benchmark
	public StreamEvent.Done rawStream(Blackhole blackhole) throws IOException, InterruptedException {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(this.raw
			.send(post(this.streamUri, "text/event-stream", JSON.writeValueAsBytes(this.request)),
					HttpResponse.BodyHandlers.ofInputStream())
			.body(), StandardCharsets.UTF_8))) {
			String name = null;
			StreamEvent.Done done = null;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith("event: ")) {
					name = line.substring(7);
				}
				else if (line.startsWith("data: ")) {
					StreamEvent event = JSON.readValue(line.substring(6), eventType(name));
					blackhole.consume(event);
					if (event instanceof StreamEvent.Done last) {
						done = last;
					}
				}
			}
			return done;
		}
	}

	/** The transport alone: a pre-serialized request, the stream's bytes unread. */
	@Benchmark
	public long rawStreamBytes() throws IOException, InterruptedException {
		try (InputStream body = this.raw
			.send(post(this.streamUri, "text/event-stream", this.requestBody),
					HttpResponse.BodyHandlers.ofInputStream())
			.body()) {
			byte[] buffer = new byte[8192];
			long total = 0;
			int n;
			while ((n = body.read(buffer)) >= 0) {
				total += n;
			}
			return total;
		}
	}

	@Benchmark
	public StreamEvent.Done clientStreamListener(Blackhole blackhole) {
		return this.client.stream(this.request, new StreamListener() {

			@Override
			public void onToken(String text) {
				blackhole.consume(text);
			}

		}).completion().join();
	}

	@Benchmark
	public void clientStreamIterator(Blackhole blackhole) {
		try (ChatStream stream = this.client.stream(this.request)) {
			for (StreamEvent event : stream) {
				blackhole.consume(event);
			}
		}
	}

	private static HttpRequest post(URI uri, String accept, byte[] body) {
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private static Class<? extends StreamEvent> eventType(String name) {
		return switch (name) {
			case "meta" -> StreamEvent.Meta.class;
			case "token" -> StreamEvent.Token.class;
			case "done" -> StreamEvent.Done.class;
			default -> StreamEvent.Error.class;
		};
	}

	private static void answer(HttpExchange exchange, byte[] body) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	/** Writes and flushes one event at a time, as a model-backed server does. */
	private static void stream(HttpExchange exchange, byte[][] events) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			for (byte[] event : events) {
				out.write(event);
				out.flush();
			}
		}
	}

	/** A canned 200 JSON answer, as a transport would return it. */
	private static final class InMemoryResponse implements TransportResponse {

		private final InputStream body;

		InMemoryResponse(byte[] body) {
			this.body = new ByteArrayInputStream(body);
		}

		@Override
		public int statusCode() {
			return 200;
		}

		@Override
		public Optional<String> header(String name) {
			return "Content-Type".equalsIgnoreCase(name) ? Optional.of("application/json") : Optional.empty();
		}

		@Override
		public InputStream body() {
			return this.body;
		}

		@Override
		public void close() {
		}

	}

	private static byte[][] streamEvents(int tokens) {
		byte[][] events = new byte[tokens + 2][];
		events[0] = event(new StreamEvent.Meta("c-1", "local", false));
		StringBuilder reply = new StringBuilder();
		for (int i = 0; i < tokens; i++) {
			String text = "token" + i + " ";
			reply.append(text);
			events[i + 1] = event(new StreamEvent.Token(text));
		}
		events[tokens + 1] = event(new StreamEvent.Done(reply.toString(), "local", false, List.of(), 3));
		return events;
	}

	private static byte[] event(StreamEvent event) {
		return ("event: " + event.name() + "\ndata: " + JSON.writeValueAsString(event) + "\n\n")
			.getBytes(StandardCharsets.UTF_8);
	}

}
