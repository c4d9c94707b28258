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
import dev.project51.agent.server.problem.internal.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the turn as OpenAI chat completion chunks.
 */
final class OpenAiChunkWriter implements ChatStreamListener {

	private final SseEvents events;

	private final JsonMapper json;

	private final HttpServletRequest request;

	private final String id;

	private final long created;

	private final boolean includeUsage;

	private final int promptTokens;

	private final StringBuilder text = new StringBuilder();

	private volatile ChatTurn turn;

	private String model;

	OpenAiChunkWriter(SseEvents events, JsonMapper json, HttpServletRequest request, String id, long created,
			boolean includeUsage, int promptTokens) {
		this.events = events;
		this.json = json;
		this.request = request;
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
	 * The answer failed: an error chunk (which OpenAI's SDKs raise), then the connection
	 * is closed without ending the response, so that a client that ignores error chunks
	 * sees a broken stream, never a complete answer.
	 */
	@Override
	public void onError(ProblemDetail problem) {
		send(OpenAiErrors.of(problem));
		this.request.setAttribute(ProblemResponses.ABORT_ATTRIBUTE, Boolean.TRUE);
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
		if (!this.events.send(null, this.json.writeValueAsString(data))) {
			ChatTurn current = this.turn;
			if (current != null) {
				current.cancel();
			}
		}
	}

}
