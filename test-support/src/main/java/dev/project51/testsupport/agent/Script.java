package dev.project51.testsupport.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the {@link FakeAgent} does with one request: answer as the contract says, or
 * inject a fault. Set it for every chat or stream request ({@link FakeAgent#chat},
 * {@link FakeAgent#stream}) or for the next requests to a route
 * ({@link FakeAgent#enqueue}); write your own with the {@link Exchange}'s methods.
 */
@FunctionalInterface
public interface Script {

	/**
	 * Answer the request.
	 * @param exchange the request and the means to answer it
	 * @throws IOException if the client is gone
	 */
	void play(Exchange exchange) throws IOException;

	/**
	 * The agent's chat reply ({@code POST /api/v1/chat}): its {@link Answer} to the
	 * message, remembered in the conversation; 400 for a missing or too long message.
	 * @return the script
	 */
	static Script reply() {
		return (exchange) -> exchange.agent().conversations().reply(exchange);
	}

	/**
	 * The agent's streamed answer ({@code POST /api/v1/chat/stream}): meta, the tokens of
	 * its {@link Answer}, done; remembered in the conversation; 400 for a missing or too
	 * long message.
	 * @return the script
	 */
	static Script answer() {
		return (exchange) -> exchange.agent().conversations().streamAnswer(exchange);
	}

	/**
	 * A fixed streamed answer: meta, the tokens, done (with a message id {@code m1},
	 * {@code m2}, … counted over all agents).
	 * @param conversationId the conversation to report
	 * @param model the answering model
	 * @param degraded whether it is a fallback
	 * @param citations the citations of the answer (serialized with Jackson)
	 * @param tokens the tokens
	 * @return the script
	 */
	static Script answer(String conversationId, String model, boolean degraded, List<?> citations, String... tokens) {
		return (exchange) -> {
			exchange.startStream();
			exchange.meta(conversationId, model, degraded);
			for (String token : tokens) {
				exchange.token(token);
			}
			exchange.done(String.join("", tokens), model, degraded, citations, nextMessageId());
		};
	}

	/**
	 * The message id the next fixed answer will carry.
	 * @param ahead 1 for the next one, 2 for the one after it, …
	 * @return the id
	 */
	static String messageIdAhead(int ahead) {
		return "m" + (Conversations.MESSAGE_IDS.get() + ahead);
	}

	private static String nextMessageId() {
		return "m" + Conversations.MESSAGE_IDS.incrementAndGet();
	}

	/**
	 * A problem answer ({@code application/problem+json}) with the problem's status.
	 * @param problem the problem (serialized with Jackson; a {@link String} is sent as it
	 * is)
	 * @param headers response header names and values, alternating, e.g.
	 * {@code "Retry-After", "1"}
	 * @return the script
	 */
	static Script problem(Object problem, String... headers) {
		return (exchange) -> exchange.problem(problem, headers);
	}

	/**
	 * Any status, content type and body, e.g. an HTML error page from a proxy or JSON
	 * that breaks off.
	 * @param status the status code
	 * @param contentType the content type, or {@code null}
	 * @param body the body
	 * @return the script
	 */
	static Script status(int status, String contentType, String body) {
		return (exchange) -> exchange.respond(status, contentType, body);
	}

	/**
	 * Close the connection without any answer.
	 * @return the script
	 */
	static Script hangUp() {
		return (exchange) -> exchange.drop();
	}

	/**
	 * Never answer: hold the request until the agent closes.
	 * @return the script
	 */
	static Script hang() {
		return (exchange) -> exchange.agent().awaitClosed();
	}

	/**
	 * Wait, then do what another script does.
	 * @param delay how long to wait
	 * @param then what to do next
	 * @return the script
	 */
	static Script delay(Duration delay, Script then) {
		return (exchange) -> {
			exchange.pause(delay);
			then.play(exchange);
		};
	}

	/**
	 * The scripts in turn, one a request, starting over after the last: e.g. every other
	 * request fails.
	 * @param scripts the scripts
	 * @return the script
	 */
	static Script cycle(Script... scripts) {
		AtomicInteger next = new AtomicInteger();
		return (exchange) -> scripts[Math.floorMod(next.getAndIncrement(), scripts.length)].play(exchange);
	}

	/**
	 * A 200 body of the given size, chunked or with a Content-Length.
	 * @param bytes the size
	 * @param chunked whether in chunks
	 * @return the script
	 */
	static Script oversized(int bytes, boolean chunked) {
		return (exchange) -> exchange.oversized(bytes, chunked);
	}

	/**
	 * Raw event-stream text after the response head, then the end of the response.
	 * @param text the text
	 * @return the script
	 */
	static Script events(String text) {
		return (exchange) -> {
			exchange.startStream();
			exchange.write(text);
		};
	}

	/**
	 * Meta and the tokens, then keep-alive comments every 50 ms until the client goes
	 * away (at most 30 s): a live agent whose model stalls.
	 * @param conversationId the conversation to report
	 * @param tokens the tokens before the stall
	 * @return the script
	 */
	static Script stallAfter(String conversationId, String... tokens) {
		return (exchange) -> {
			exchange.startStream();
			exchange.meta(conversationId, "local", false);
			for (String token : tokens) {
				exchange.token(token);
			}
			exchange.keepAliveFor(Duration.ofSeconds(30), Duration.ofMillis(50));
		};
	}

	/**
	 * Only keep-alive comments, every 50 ms, until the client goes away (at most 30 s):
	 * the model never produces a first event, but the agent is alive.
	 * @return the script
	 */
	static Script keepAlivesOnly() {
		return (exchange) -> {
			exchange.startStream();
			exchange.keepAliveFor(Duration.ofSeconds(30), Duration.ofMillis(50));
		};
	}

	/**
	 * Meta and the tokens, then total silence, not even keep-alives (a dead agent behind
	 * a live connection), then keep-alives until the client goes away (at most 30 s),
	 * which reveals whether it is still there.
	 * @param silence how long to stay silent
	 * @param tokens the tokens before it
	 * @return the script
	 */
	static Script silentAfter(Duration silence, String... tokens) {
		return (exchange) -> {
			exchange.startStream();
			exchange.meta("c-1", "local", false);
			for (String token : tokens) {
				exchange.token(token);
			}
			exchange.pause(silence);
			exchange.keepAliveFor(Duration.ofSeconds(30), Duration.ofMillis(50));
		};
	}

	/**
	 * The head of a stream and its first keep-alive, then total silence (no event), then
	 * keep-alives until the client goes away (at most 30 s).
	 * @param silence how long to stay silent
	 * @return the script
	 */
	static Script silence(Duration silence) {
		return (exchange) -> {
			exchange.startStream();
			exchange.pause(silence);
			exchange.keepAliveFor(Duration.ofSeconds(30), Duration.ofMillis(50));
		};
	}

	/**
	 * Keep-alive comments every {@code interval} for {@code silence} (a slow model, or a
	 * failover in progress), then a complete answer.
	 * @param silence how long the agent works before the first event
	 * @param interval the interval of the keep-alives
	 * @param model the answering model
	 * @param degraded whether it is a fallback
	 * @param tokens the tokens
	 * @return the script
	 */
	static Script keepAliveThenAnswer(Duration silence, Duration interval, String model, boolean degraded,
			String... tokens) {
		return (exchange) -> {
			exchange.startStream();
			exchange.keepAliveFor(silence, interval);
			exchange.meta("c-fake", model, degraded);
			for (String token : tokens) {
				exchange.token(token);
			}
			exchange.done(String.join("", tokens), model, degraded, List.of(), null);
		};
	}

	/**
	 * Meta, then a token every {@code gap} until the client goes away or {@code max}
	 * tokens have gone (then done).
	 * @param conversationId the conversation to report
	 * @param gap the pause before each token
	 * @param max the number of tokens of the whole answer
	 * @return the script
	 */
	static Script slow(String conversationId, Duration gap, int max) {
		return (exchange) -> {
			exchange.startStream();
			StringBuilder reply = new StringBuilder();
			exchange.meta(conversationId, "gpt-test", false);
			for (int i = 0; i < max; i++) {
				exchange.pause(gap);
				String token = "word" + i + " ";
				reply.append(token);
				exchange.token(token);
			}
			exchange.done(reply.toString(), "gpt-test", false, List.of(), null);
		};
	}

	/**
	 * Meta and the tokens, then the connection breaks without the end of the response
	 * (the agent crashed). It waits 500 ms before the break: a client may report a broken
	 * connection before data that arrived just before it.
	 * @param tokens the tokens before the break
	 * @return the script
	 */
	static Script dropAfter(String... tokens) {
		return (exchange) -> {
			exchange.startStream();
			exchange.meta("c-fake", "gpt-test", false);
			for (String token : tokens) {
				exchange.token(token);
			}
			exchange.pause(Duration.ofMillis(500));
			exchange.drop();
		};
	}

	/**
	 * Meta and the tokens, then a {@code token} event whose data is not JSON.
	 * @param tokens the tokens before it
	 * @return the script
	 */
	static Script garbleAfter(String... tokens) {
		return (exchange) -> {
			exchange.startStream();
			exchange.meta("c-fake", "gpt-test", false);
			for (String token : tokens) {
				exchange.token(token);
			}
			exchange.write("event: token\ndata: {\"text\": \n\n");
		};
	}

	/**
	 * Meta and the tokens, then an {@code error} event.
	 * @param problem the problem of the error event (serialized with Jackson)
	 * @param tokens the tokens before it
	 * @return the script
	 */
	static Script failAfter(Object problem, String... tokens) {
		return (exchange) -> {
			exchange.startStream();
			exchange.meta("c-fake", "gpt-test", false);
			for (String token : tokens) {
				exchange.token(token);
			}
			exchange.error(problem);
		};
	}

}
