package dev.project51.testsupport.providers;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import dev.project51.testsupport.providers.Dialect.Call;
import dev.project51.testsupport.providers.Dialect.Rejection;
import dev.project51.testsupport.providers.Dialect.Reply;

/**
 * A local HTTP server that speaks a model provider's wire protocol, for tests: point a
 * client's base URL at {@link #baseUrl()} and it answers like the real API, or fails the
 * way {@link Fault} says.
 *
 * <pre class="code">
 * try (FakeProvider anthropic = FakeProvider.start(Protocol.ANTHROPIC, "Hello from the fake")) {
 *     anthropic.enqueue(Fault.overloaded());            // the next request gets a 529
 *     anthropic.failAlways(Fault.stallAfter(2));        // then every stream stalls after 2 tokens
 *     ChatModel model = AnthropicChatModel.builder().baseUrl(anthropic.baseUrl())...build();
 * }
 * </pre>
 *
 * Each request takes the next queued fault ({@link #enqueue(Fault)}), or else the fault
 * set by {@link #failAlways(Fault)}, or else answers normally. The answer is the same
 * text every time, streamed word by word. Thread-safe; every connection is served by its
 * own daemon thread, and a hanging request blocks its thread (no polling) until the
 * client leaves or {@link #close()}.
 */
public final class FakeProvider implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FakeProvider.class);

	private final Protocol protocol;

	private final Dialect dialect;

	private final Answering answering;

	private final String answer;

	private final List<String> tokens;

	private final WireServer server;

	private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();

	private volatile Fault always;

	private volatile String apiKey;

	private volatile Function<JsonNode, String> answers;

	private FakeProvider(Protocol protocol, String answer) {
		this.protocol = protocol;
		this.dialect = Dialect.of(protocol);
		this.answering = new Answering(this.dialect);
		this.answer = answer;
		this.tokens = tokens(answer);
		this.server = new WireServer("fake-" + protocol.name().toLowerCase(Locale.ROOT), this::handle);
	}

	/**
	 * Starts a fake on a free loopback port.
	 * @param protocol the wire protocol to speak
	 * @param answer the text of every normal answer, streamed word by word
	 * @return the running fake
	 */
	public static FakeProvider start(Protocol protocol, String answer) {
		Objects.requireNonNull(protocol, "protocol must not be null");
		if (answer == null || answer.isBlank()) {
			throw new IllegalArgumentException(
					"answer must not be blank, was " + ((answer != null) ? "'" + answer + "'" : null));
		}
		return new FakeProvider(protocol, answer);
	}

	/**
	 * The protocol this fake speaks.
	 * @return the protocol
	 */
	public Protocol protocol() {
		return this.protocol;
	}

	/**
	 * What to pass to the client's {@code baseUrl(...)}:
	 * {@code http://127.0.0.1:<port>/v1} for OpenAI and Anthropic,
	 * {@code http://127.0.0.1:<port>/v1beta} for Gemini.
	 * @return the base URL, without a trailing slash
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + this.dialect.basePath();
	}

	/**
	 * The text of every normal answer.
	 * @return the answer
	 */
	public String answer() {
		return this.answer;
	}

	/**
	 * Requires an API key, checked before any fault: a missing or wrong key gets the
	 * provider's own answer to it (OpenAI and Anthropic a 401; Gemini, like the real API,
	 * a 400 {@code API_KEY_INVALID} for a wrong key and a 403 {@code PERMISSION_DENIED}
	 * for a missing one).
	 * @param key the expected key, or null to accept any request
	 * @return this fake
	 */
	public FakeProvider expectApiKey(String key) {
		this.apiKey = key;
		return this;
	}

	/**
	 * Computes the text of each answer from its request's body instead of answering the
	 * same text every time, e.g. to answer each question differently or to hold a request
	 * until the test lets it go (the function runs on the request's own thread, before
	 * anything is sent). Faults still apply.
	 * @param answers the text for a request body (as JSON), or null for {@link #answer()}
	 * @return this fake
	 */
	public FakeProvider answers(Function<JsonNode, String> answers) {
		this.answers = answers;
		return this;
	}

	/**
	 * Applies a fault to every request (after the queued ones) until {@link #heal()}.
	 * @param fault the fault
	 * @return this fake
	 */
	public FakeProvider failAlways(Fault fault) {
		this.always = Objects.requireNonNull(fault, "fault must not be null");
		return this;
	}

	/**
	 * Queues a fault for one request: requests take queued faults first, in order.
	 * @param fault the fault
	 * @return this fake
	 */
	public FakeProvider enqueue(Fault fault) {
		this.queue.add(Objects.requireNonNull(fault, "fault must not be null"));
		return this;
	}

	/**
	 * Answers normally again: forgets the queued faults and the one set by
	 * {@link #failAlways(Fault)}. Like a real provider that recovers, it does not release
	 * requests that already hang.
	 */
	public void heal() {
		this.always = null;
		this.queue.clear();
	}

	/**
	 * The number of requests received since the start or the last {@link #resetCount()}.
	 * @return the count
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Resets the request count and forgets the recorded requests.
	 */
	public void resetCount() {
		this.requests.set(0);
		this.received.clear();
	}

	/**
	 * The bodies of the requests received, in order.
	 * @return the bodies as JSON (a missing node for a body that was not JSON)
	 */
	public List<JsonNode> bodies() {
		return this.received.stream().map(ReceivedRequest::body).toList();
	}

	/**
	 * The requests received, in order, with their headers and the model they asked for.
	 * @return the requests
	 */
	public List<ReceivedRequest> received() {
		return List.copyOf(this.received);
	}

	/**
	 * The requests the fake is handling right now: answering, holding open or streaming.
	 * A request whose client closed the connection leaves this count at once while the
	 * fake waits (a hang, a stall, a slow stream's pause), and at its next write
	 * otherwise; a request that was just answered leaves it a moment after the client has
	 * the answer.
	 * @return the count
	 */
	public int inFlight() {
		return this.server.inFlight();
	}

	/**
	 * Releases every hanging request (its connection is closed) and stops the server.
	 */
	@Override
	public void close() {
		this.server.close();
	}

	/**
	 * Names the protocol and the base URL, for test output.
	 * @return e.g. {@code FakeProvider[OPENAI at http://127.0.0.1:40123/v1]}
	 */
	@Override
	public String toString() {
		return "FakeProvider[" + this.protocol + " at " + baseUrl() + "]";
	}

	private void handle(WireExchange exchange) throws IOException {
		WireRequest request = exchange.request();
		JsonNode body = parse(request.body());
		this.requests.incrementAndGet();
		Call call;
		try {
			call = this.dialect.route(request, body);
		}
		catch (Rejection ex) {
			record(request, body, null, false);
			logger.debug("{} refused {} {}: {}", this, request.method(), request.target(), ex.reply().status());
			this.answering.send(exchange, null, ex.reply());
			return;
		}
		record(request, body, call.model(), call.stream());
		String key = this.apiKey;
		if (key != null) {
			Reply denied = this.dialect.checkKey(request, key);
			if (denied != null) {
				logger.debug("{} denied {}: {}", this, request.target(), denied.status());
				this.answering.send(exchange, null, denied);
				return;
			}
		}
		Fault fault = nextFault();
		logger.debug("{} answers {} {} with {}", this, call.stream() ? "stream" : "blocking", call.model(), fault);
		Function<JsonNode, String> answers = this.answers;
		List<String> tokens = (answers != null) ? tokens(answers.apply(body)) : this.tokens;
		this.answering.answer(exchange, call, fault, tokens);
	}

	private static List<String> tokens(String answer) {
		return List.of(answer.split("(?<= )"));
	}

	private Fault nextFault() {
		Fault fault = this.queue.poll();
		if (fault == null) {
			fault = this.always;
		}
		return (fault != null) ? fault : Fault.none();
	}

	private void record(WireRequest request, JsonNode body, String model, boolean stream) {
		this.received
			.add(new ReceivedRequest(request.method(), request.target(), request.headers(), body, model, stream));
	}

	private static JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return MissingNode.getInstance();
		}
		try {
			JsonNode node = Dialect.JSON.readTree(body);
			return (node != null) ? node : MissingNode.getInstance();
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

}
