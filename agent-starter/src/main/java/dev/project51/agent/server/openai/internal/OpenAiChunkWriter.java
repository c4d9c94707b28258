package dev.project51.agent.server.openai.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.chat.internal.ChatStreamListener;
import dev.project51.agent.server.chat.internal.ChatTurn;
import dev.project51.agent.server.chat.internal.SseEvents;
import dev.project51.agent.server.chat.internal.TurnOutcome;
import dev.project51.agent.server.problem.internal.OpenAiErrors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the turn as OpenAI chat completion chunks.
 */
final class OpenAiChunkWriter implements ChatStreamListener {

	private final SseEvents events;

	private final JsonMapper json;

	private final String id;

	private final long created;

	private final boolean includeUsage;

	private final int promptTokens;

	private final StringBuilder text = new StringBuilder();

	private volatile ChatTurn turn;

	private String model;

	OpenAiChunkWriter(SseEvents events, JsonMapper json, String id, long created, boolean includeUsage,
			int promptTokens) {
		this.events = events;
		this.json = json;
		this.id = id;
		this.created = created;
		this.includeUsage = includeUsage;
		this.promptTokens = promptTokens;
	}

	/**
	 * Sets the turn to cancel when the client goes away.
	 * @param turn the running turn
	 */
	void turn(ChatTurn turn) {
		this.turn = turn;
	}

	@Override
	public void onMeta(StreamEvent.Meta meta) {
		this.model = meta.model();
		Map<String, Object> delta = new LinkedHashMap<>();
		delta.put("role", "assistant");
		delta.put("content", "");
		send(chunk(delta, null, null));
	}

	@Override
	public void onToken(String token) {
		this.text.append(token);
		send(chunk(Map.of("content", token), null, null));
	}

	@Override
	public void onDone(StreamEvent.Done done) {
		onDone(done, TurnOutcome.NONE);
	}

	@Override
	public void onDone(StreamEvent.Done done, TurnOutcome outcome) {
		this.model = done.model();
		if (!outcome.toolCalls().isEmpty()) {
			send(chunk(Map.of("tool_calls", OpenAiResponses.toolCalls(outcome.toolCalls(), true)), null, null));
		}
		send(chunk(Map.of(), OpenAiResponses.finishReason(outcome),
				OpenAiResponses.extras(done.degraded(), done.citations())));
		if (this.includeUsage) {
			Map<String, Object> usageChunk = chunk(null, null, null);
			usageChunk.put("usage", OpenAiResponses.usage(outcome, this.promptTokens, this.text.toString()));
			send(usageChunk);
		}
		if (!this.events.isBroken()) {
			this.events.send(null, "[DONE]");
		}
		this.events.complete();
	}

	/**
	 * The answer failed: an {@code error} event whose data is an OpenAI error object
	 * (OpenAI's SDKs raise on its {@code error} field, LangChain4j's OpenAI client on the
	 * event name), without a finish reason or {@code [DONE]}, then the end of the body.
	 * The body ends in order, not by a broken connection: the JDK HTTP client (which
	 * LangChain4j uses) drops the bytes it received but had not yet handed to its reader
	 * when a body breaks off, so a busy client would lose the tokens and the error.
	 */
	@Override
	public void onError(ProblemDetail problem) {
		send("error", OpenAiErrors.of(problem));
		this.events.complete();
	}

	private Map<String, Object> chunk(Map<String, Object> delta, String finishReason, Map<String, Object> extras) {
		Map<String, Object> chunk = new LinkedHashMap<>();
		chunk.put("id", this.id);
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", this.created);
		chunk.put("model", this.model);
		chunk.put("system_fingerprint", null);
		if (delta != null) {
			Map<String, Object> choice = new LinkedHashMap<>();
			choice.put("index", 0);
			choice.put("delta", delta);
			choice.put("logprobs", null);
			choice.put("finish_reason", finishReason);
			chunk.put("choices", List.of(choice));
		}
		else {
			chunk.put("choices", List.of());
		}
		if (this.includeUsage && delta != null) {
			chunk.put("usage", null);
		}
		if (extras != null) {
			chunk.put("project51", extras);
		}
		return chunk;
	}

	private void send(Object data) {
		send(null, data);
	}

	private void send(String event, Object data) {
		if (!this.events.send(event, this.json.writeValueAsString(data))) {
			ChatTurn current = this.turn;
			if (current != null) {
				current.cancel();
			}
		}
	}

}
