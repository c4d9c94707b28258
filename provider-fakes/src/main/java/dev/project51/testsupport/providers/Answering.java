package dev.project51.testsupport.providers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.project51.testsupport.providers.Dialect.Call;
import dev.project51.testsupport.providers.Dialect.Event;
import dev.project51.testsupport.providers.Dialect.Framing;
import dev.project51.testsupport.providers.Dialect.Reply;

/**
 * How a {@link FakeProvider} answers a call in its {@link Dialect}: normally, or failing
 * the way a {@link Fault} says.
 */
final class Answering {

	/**
	 * How long a dropped connection stays open after its last bytes.
	 */
	static final Duration DROP_GRACE = Duration.ofMillis(250);

	private final Dialect dialect;

	Answering(Dialect dialect) {
		this.dialect = dialect;
	}

	/**
	 * Answers a call with the given tokens, or fails as the fault says.
	 */
	void answer(WireExchange exchange, Call call, Fault fault, List<String> tokens) throws IOException {
		switch (fault.kind()) {
			case NONE -> normal(exchange, call, tokens, Duration.ZERO, Duration.ZERO);
			case DELAY -> {
				exchange.pause(fault.firstTokenDelay());
				normal(exchange, call, tokens, Duration.ZERO, Duration.ZERO);
			}
			case STATUS -> send(exchange, call, this.dialect.error(call, fault.status()));
			case RATE_LIMITED -> send(exchange, call, rateLimited(call, fault));
			case OVERLOADED -> send(exchange, call, this.dialect.overloaded(call));
			case UNAUTHORIZED -> send(exchange, call, this.dialect.unauthorized(call));
			case RESET -> exchange.reset();
			case MALFORMED_BODY -> malformed(exchange, call, tokens);
			case EMPTY_BODY -> empty(exchange, call);
			case HANG_BEFORE_HEADERS -> exchange.hold();
			case HANG_AFTER_HEADERS -> {
				if (call.stream()) {
					new StreamWriter(exchange, call);
				}
				else {
					startCompletion(exchange, call, tokens);
				}
				exchange.hold();
			}
			case STALL_BEFORE_FIRST_TOKEN -> {
				if (call.stream()) {
					new StreamWriter(exchange, call).send(this.dialect.preamble(call));
				}
				else {
					startCompletion(exchange, call, tokens);
				}
				exchange.hold();
			}
			case STALL_AFTER -> {
				cutShort(exchange, call, tokens, fault.tokens());
				exchange.hold();
			}
			case DROP_AFTER -> {
				cutShort(exchange, call, tokens, fault.tokens());
				// a JDK HttpClient discards bytes it received but had not read yet once
				// the
				// connection fails: give it the time to read what was sent, as a network
				// would
				exchange.pause(DROP_GRACE);
				exchange.drop();
			}
			case SLOW_STREAM -> normal(exchange, call, tokens, fault.firstTokenDelay(), fault.betweenTokens());
			case ERROR_MID_STREAM -> {
				if (call.stream()) {
					StreamWriter stream = cutShort(exchange, call, tokens, fault.tokens());
					stream.send(this.dialect.inStreamError(call));
					stream.end();
				}
				else {
					send(exchange, call, this.dialect.overloaded(call));
				}
			}
		}
	}

	private void normal(WireExchange exchange, Call call, List<String> tokens, Duration firstTokenDelay,
			Duration betweenTokens) throws IOException {
		if (!call.stream()) {
			exchange.pause(firstTokenDelay.plus(betweenTokens.multipliedBy(tokens.size() - 1L)));
			send(exchange, call, completion(call, tokens));
			return;
		}
		StreamWriter stream = new StreamWriter(exchange, call);
		stream.send(this.dialect.preamble(call));
		for (int i = 0; i < tokens.size(); i++) {
			exchange.pause((i == 0) ? firstTokenDelay : betweenTokens);
			stream.send(this.dialect.token(call, tokens, i));
		}
		stream.send(this.dialect.ending(call, tokens));
		stream.end();
	}

	/**
	 * Starts an answer that will not be completed: a stream with its preamble and the
	 * first tokens, or a blocking answer's headers and the first half of its body.
	 */
	private StreamWriter cutShort(WireExchange exchange, Call call, List<String> tokens, int tokenCount)
			throws IOException {
		if (!call.stream()) {
			byte[] body = completion(call, tokens).body();
			startCompletion(exchange, call, tokens);
			exchange.write(body, 0, body.length / 2);
			return null;
		}
		StreamWriter stream = new StreamWriter(exchange, call);
		stream.send(this.dialect.preamble(call));
		for (int i = 0; i < Math.min(tokenCount, tokens.size()); i++) {
			stream.send(this.dialect.token(call, tokens, i));
		}
		return stream;
	}

	private void malformed(WireExchange exchange, Call call, List<String> tokens) throws IOException {
		if (call.stream()) {
			StreamWriter stream = new StreamWriter(exchange, call);
			stream.send(this.dialect.preamble(call));
			stream.send(this.dialect.malformedEvent(call));
			stream.send(this.dialect.ending(call, List.of()));
			stream.end();
		}
		else {
			byte[] body = completion(call, tokens).body();
			byte[] half = new byte[body.length / 2];
			System.arraycopy(body, 0, half, 0, half.length);
			send(exchange, call, new Reply(200, Map.of(), this.dialect.jsonContentType(), half));
		}
	}

	private void empty(WireExchange exchange, Call call) throws IOException {
		if (call.stream()) {
			new StreamWriter(exchange, call).end();
		}
		else {
			send(exchange, call, new Reply(200, Map.of(), this.dialect.jsonContentType(), new byte[0]));
		}
	}

	private void startCompletion(WireExchange exchange, Call call, List<String> tokens) throws IOException {
		Reply completion = completion(call, tokens);
		exchange.startFixed(200, this.dialect.commonHeaders(call), completion.contentType(), completion.body().length);
	}

	private Reply completion(Call call, List<String> tokens) {
		return new Reply(200, Map.of(), this.dialect.jsonContentType(),
				this.dialect.completion(call, tokens).getBytes(StandardCharsets.UTF_8));
	}

	private Reply rateLimited(Call call, Fault fault) {
		Instant now = Instant.now();
		if (fault.retryAt() != null) {
			long seconds = Math.max(0, (Duration.between(now, fault.retryAt()).toMillis() + 999) / 1000);
			return this.dialect.rateLimited(call, WireExchange.httpDate(fault.retryAt()), seconds, fault.retryAt());
		}
		long seconds = (fault.retryAfter().toMillis() + 999) / 1000;
		return this.dialect.rateLimited(call, Long.toString(seconds), seconds, now.plus(fault.retryAfter()));
	}

	/**
	 * Sends a whole reply with the dialect's common headers.
	 * @param call the call, or {@code null} for a request refused before it was routed
	 */
	void send(WireExchange exchange, Call call, Reply reply) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>(this.dialect.commonHeaders(call));
		headers.putAll(reply.headers());
		exchange.respond(reply.status(), headers, reply.contentType(), reply.body());
	}

	/**
	 * Writes stream events in the dialect's framing over a chunked 200 response.
	 */
	private final class StreamWriter {

		private final WireExchange exchange;

		private final Framing framing;

		private boolean first = true;

		StreamWriter(WireExchange exchange, Call call) throws IOException {
			this.exchange = exchange;
			this.framing = Answering.this.dialect.framing(call);
			exchange.startChunked(200, Answering.this.dialect.commonHeaders(call),
					Answering.this.dialect.streamContentType(call));
		}

		void send(List<Event> events) throws IOException {
			for (Event event : events) {
				send(event);
			}
		}

		void send(Event event) throws IOException {
			String text = switch (this.framing) {
				case SSE ->
					((event.name() != null) ? "event: " + event.name() + "\n" : "") + "data: " + event.data() + "\n\n";
				case SSE_CRLF -> ((event.name() != null) ? "event: " + event.name() + "\r\n" : "") + "data: "
						+ event.data() + "\r\n\r\n";
				case JSON_ARRAY -> (this.first ? "[" : "\r\n,") + event.data();
			};
			this.first = false;
			this.exchange.chunk(text);
		}

		void end() throws IOException {
			if (this.framing == Framing.JSON_ARRAY) {
				this.exchange.chunk(this.first ? "[]" : "]");
			}
			this.exchange.endChunked();
		}

	}

}
