package dev.project51.testsupport.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request to the {@link FakeAgent} as a {@link Script} sees it: the request, and the
 * means to answer it in the contract's formats (JSON, problem details, an event stream)
 * or to break the contract on purpose.
 * <p>
 * A script that fails writing to a stream ({@link IOException}) has found the client
 * gone; the agent counts that as a cancelled stream
 * ({@link FakeAgent#awaitStreamCancelled}).
 */
public final class Exchange {

	private static final Map<String, String> EVENT_SCHEMAS = Map.of("meta", "MetaEvent", "token", "TokenEvent", "done",
			"DoneEvent", "error", "ErrorEvent");

	private final FakeAgent agent;

	private final HttpExchange exchange;

	private final RecordedRequest request;

	private boolean streaming;

	Exchange(FakeAgent agent, HttpExchange exchange, RecordedRequest request) {
		this.agent = agent;
		this.exchange = exchange;
		this.request = request;
	}

	/**
	 * The agent that received the request.
	 * @return the agent
	 */
	public FakeAgent agent() {
		return this.agent;
	}

	/**
	 * The request.
	 * @return the request
	 */
	public RecordedRequest request() {
		return this.request;
	}

	/**
	 * The request's body as JSON.
	 * @return the body; a missing node if it is not JSON
	 */
	public JsonNode requestJson() {
		try {
			return AgentJson.JSON.readTree(this.request.body());
		}
		catch (RuntimeException ex) {
			return AgentJson.JSON.missingNode();
		}
	}

	/**
	 * Whether the response has started as an event stream.
	 * @return whether it has
	 */
	boolean streaming() {
		return this.streaming;
	}

	/**
	 * Answer with a JSON document.
	 * @param status the status code
	 * @param value the document (serialized with Jackson; a {@link String} is sent as it
	 * is)
	 * @param component the contract's schema to check it against, or {@code null}
	 * @throws IOException if the client is gone
	 */
	public void json(int status, Object value, String component) throws IOException {
		String text = AgentJson.text(value);
		if (component != null) {
			this.agent.check(component, text);
		}
		respond(status, "application/json", text);
	}

	/**
	 * Answer with a problem ({@code application/problem+json}) whose status is the
	 * problem's.
	 * @param problem the problem (serialized with Jackson; a {@link String} is sent as it
	 * is)
	 * @param headers response header names and values, alternating
	 * @throws IOException if the client is gone
	 */
	public void problem(Object problem, String... headers) throws IOException {
		String text = AgentJson.text(problem);
		this.agent.check("ProblemDetail", text);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			this.exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
		}
		respond(AgentJson.JSON.readTree(text).path("status").asInt(500), AgentJson.PROBLEM_JSON, text);
	}

	/**
	 * Answer with a problem of one of the contract's kinds.
	 * @param slug the kind, the last segment of its type URI, e.g. {@code not-found}
	 * @param status the status code
	 * @param detail the detail
	 * @throws IOException if the client is gone
	 */
	public void problem(String slug, int status, String detail) throws IOException {
		problem(AgentJson.problemNode(slug, status, detail, this.request.path()));
	}

	/**
	 * Answer with any status, content type and body.
	 * @param status the status code
	 * @param contentType the content type, or {@code null} for none
	 * @param body the body (none if empty)
	 * @throws IOException if the client is gone
	 */
	public void respond(int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (contentType != null) {
			this.exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		this.exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			this.exchange.getResponseBody().write(bytes);
		}
	}

	/**
	 * Answer 200 with a body of the given size, in chunks or with a
	 * {@code Content-Length}, writing until the client stops reading.
	 * @param bytes the size
	 * @param chunked whether to send it in chunks
	 * @throws IOException if the client is gone before the headers
	 */
	public void oversized(int bytes, boolean chunked) throws IOException {
		this.exchange.getResponseHeaders().set("Content-Type", "application/json");
		this.exchange.sendResponseHeaders(200, chunked ? 0 : bytes);
		byte[] block = new byte[8192];
		java.util.Arrays.fill(block, (byte) ' ');
		try {
			OutputStream out = this.exchange.getResponseBody();
			for (int written = 0; written < bytes; written += block.length) {
				out.write(block, 0, Math.min(block.length, bytes - written));
			}
		}
		catch (IOException ex) {
			// The client stopped reading at its limit.
		}
	}

	/**
	 * Start an event stream (200, {@code text/event-stream}) with, as the real agent
	 * does, a first keep-alive comment.
	 * @throws IOException if the client is gone
	 */
	public void startStream() throws IOException {
		this.exchange.getResponseHeaders().set("Content-Type", AgentJson.EVENT_STREAM);
		this.exchange.getResponseHeaders().set("Cache-Control", "no-store");
		this.exchange.sendResponseHeaders(200, 0);
		this.streaming = true;
		keepAlive();
	}

	/**
	 * Send an event of the stream.
	 * @param name the event name ({@code meta}, {@code token}, {@code done},
	 * {@code error} or any other)
	 * @param data its data (serialized with Jackson; a {@link String} is sent as it is)
	 * @throws IOException if the client is gone
	 */
	public void event(String name, Object data) throws IOException {
		String text = AgentJson.text(data);
		String schema = EVENT_SCHEMAS.get(name);
		if (schema != null) {
			this.agent.check(schema, text);
		}
		write("event: " + name + "\ndata: " + text + "\n\n");
	}

	/**
	 * Send a {@code meta} event.
	 * @param conversationId the conversation
	 * @param model the answering model
	 * @param degraded whether it is a fallback
	 * @throws IOException if the client is gone
	 */
	public void meta(String conversationId, String model, boolean degraded) throws IOException {
		ObjectNode meta = AgentJson.JSON.createObjectNode();
		meta.put("conversationId", conversationId);
		meta.put("model", model);
		meta.put("degraded", degraded);
		event("meta", meta);
	}

	/**
	 * Send a {@code token} event.
	 * @param text the token
	 * @throws IOException if the client is gone
	 */
	public void token(String text) throws IOException {
		ObjectNode token = AgentJson.JSON.createObjectNode();
		token.put("text", text);
		event("token", token);
	}

	/**
	 * Send a {@code done} event.
	 * @param reply the whole answer
	 * @param model the answering model
	 * @param degraded whether it is a fallback
	 * @param citations the citations (serialized with Jackson)
	 * @param messageId the id of the answer, or {@code null}
	 * @throws IOException if the client is gone
	 */
	public void done(String reply, String model, boolean degraded, List<?> citations, String messageId)
			throws IOException {
		ObjectNode done = AgentJson.JSON.createObjectNode();
		done.put("reply", reply);
		done.put("model", model);
		done.put("degraded", degraded);
		done.set("citations", AgentJson.JSON.valueToTree(citations));
		done.put("latencyMs", 42);
		if (messageId != null) {
			done.put("messageId", messageId);
		}
		event("done", done);
	}

	/**
	 * Send an {@code error} event.
	 * @param problem its problem (serialized with Jackson)
	 * @throws IOException if the client is gone
	 */
	public void error(Object problem) throws IOException {
		ObjectNode error = AgentJson.JSON.createObjectNode();
		error.set("problem", AgentJson.tree(problem));
		event("error", error);
	}

	/**
	 * Send a keep-alive comment.
	 * @throws IOException if the client is gone
	 */
	public void keepAlive() throws IOException {
		write(": keep-alive\n\n");
	}

	/**
	 * Send keep-alive comments at an interval for some time.
	 * @param duration how long
	 * @param interval the interval
	 * @throws IOException if the client is gone
	 */
	public void keepAliveFor(Duration duration, Duration interval) throws IOException {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			pause(interval);
			keepAlive();
		}
	}

	/**
	 * Send raw text on the response body.
	 * @param text the text
	 * @throws IOException if the client is gone
	 */
	public void write(String text) throws IOException {
		OutputStream out = this.exchange.getResponseBody();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/**
	 * Wait.
	 * @param duration how long
	 * @throws IOException if interrupted (the agent is closing)
	 */
	public void pause(Duration duration) throws IOException {
		sleep(duration);
	}

	/**
	 * End the connection abruptly, without the end of the response.
	 * @return never returns normally: it throws, and the agent closes the connection
	 */
	public RuntimeException drop() {
		throw new DroppedConnection();
	}

	static void sleep(Duration duration) throws IOException {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
