package dev.project51.agent.server.openai.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.chat.internal.ChatService;
import dev.project51.agent.server.chat.internal.ChatStreamListener;
import dev.project51.agent.server.chat.internal.ChatTurn;
import dev.project51.agent.server.chat.internal.SseEvents;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.OpenAiErrors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * An OpenAI-compatible facade of the agent: {@code POST /v1/chat/completions} (plain and
 * {@code stream: true}, in OpenAI's chunk format ending with {@code data: [DONE]}) and
 * {@code GET /v1/models}, so OpenAI SDKs and chat UIs can use the self-healing agent
 * unchanged. The requests are stateless (the client sends the history); the agent's own
 * system prompt, knowledge base, tools and failover apply, and client system messages are
 * ignored. Answers carry the model that produced them in {@code model} and the agent's
 * extras in {@code project51: {degraded, citations}}.
 *
 * @since 0.1.0
 */
@RestController
public class OpenAiCompatibleController {

	/** Path of the chat completions endpoint. */
	public static final String COMPLETIONS_PATH = "/v1/chat/completions";

	/** Path of the models endpoint. */
	public static final String MODELS_PATH = "/v1/models";

	private final ChatService chatService;

	private final JsonMapper json;

	private final String modelId;

	private final Clock clock;

	/**
	 * Creates the controller.
	 * @param chatService the conversations
	 * @param json the JSON mapper
	 * @param modelId the model id listed by {@code GET /v1/models}
	 * @param clock the clock of {@code created} timestamps
	 */
	public OpenAiCompatibleController(ChatService chatService, JsonMapper json, String modelId, Clock clock) {
		this.chatService = chatService;
		this.json = json;
		this.modelId = modelId;
		this.clock = clock;
	}

	@GetMapping(path = MODELS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> models() {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("id", this.modelId);
		model.put("object", "model");
		model.put("created", 0);
		model.put("owned_by", "project51");
		return Map.of("object", "list", "data", List.of(model));
	}

	@PostMapping(COMPLETIONS_PATH)
	ResponseEntity<?> completions(@RequestBody JsonNode body) {
		Parsed request = parse(body);
		String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
		long created = this.clock.instant().getEpochSecond();
		if (!request.stream()) {
			ChatReply reply = this.chatService.chatOnce(request.history(), request.message());
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(completion(id, created, reply, request.message()));
		}
		ResponseBodyEmitter emitter = new ResponseBodyEmitter(
				this.chatService.settings().streamTimeout().toMillis() + 10_000);
		SseEvents events = new SseEvents(emitter);
		ChunkWriter writer = new ChunkWriter(events, id, created);
		ChatTurn turn = this.chatService.streamOnce(request.history(), request.message(), writer);
		writer.turn = turn;
		emitter.onTimeout(turn::cancel);
		emitter.onError((ex) -> turn.cancel());
		this.chatService.keepAlive(events, turn);
		return ResponseEntity.ok()
			.contentType(SseEvents.EVENT_STREAM)
			.header("Cache-Control", "no-cache")
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

	private Map<String, Object> completion(String id, long created, ChatReply reply, String prompt) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", "assistant");
		message.put("content", reply.reply());
		message.put("refusal", null);
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("message", message);
		choice.put("logprobs", null);
		choice.put("finish_reason", "stop");
		int promptTokens = estimateTokens(prompt);
		int completionTokens = estimateTokens(reply.reply());
		Map<String, Object> completion = new LinkedHashMap<>();
		completion.put("id", id);
		completion.put("object", "chat.completion");
		completion.put("created", created);
		completion.put("model", reply.model());
		completion.put("choices", List.of(choice));
		completion.put("usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
				"total_tokens", promptTokens + completionTokens));
		completion.put("system_fingerprint", null);
		completion.put("project51", extras(reply.degraded(), reply.citations()));
		return completion;
	}

	private static Map<String, Object> extras(boolean degraded, List<Citation> citations) {
		Map<String, Object> extras = new LinkedHashMap<>();
		extras.put("degraded", degraded);
		extras.put("citations", citations);
		return extras;
	}

	private static int estimateTokens(String text) {
		return (text == null) ? 0 : (text.length() + 3) / 4;
	}

	/**
	 * Reads the messages: the last one must come from the user; earlier user and
	 * assistant messages become the history; system, developer and tool messages are
	 * ignored.
	 */
	private static Parsed parse(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw invalid("body", "The body must be a JSON object with a \"messages\" array.");
		}
		JsonNode messages = body.get("messages");
		if (messages == null || !messages.isArray() || messages.isEmpty()) {
			throw invalid("messages", "\"messages\" must be a non-empty array of {\"role\", \"content\"} objects.");
		}
		List<ChatMessage> history = new ArrayList<>();
		String last = null;
		String lastRole = null;
		for (JsonNode message : messages) {
			JsonNode roleNode = message.path("role");
			if (!roleNode.isString()) {
				throw invalid("messages", "Every message must be an object with a string \"role\".");
			}
			String role = roleNode.asString().toLowerCase(Locale.ROOT);
			String content = content(message.get("content"));
			if (role.equals("user") || role.equals("assistant")) {
				if (last != null) {
					history.add(lastRole.equals("user") ? UserMessage.from(last) : AiMessage.from(last));
				}
				last = content;
				lastRole = role;
			}
			else if (!role.equals("system") && !role.equals("developer") && !role.equals("tool")) {
				throw invalid("messages",
						"Unknown message role '" + role + "'; use system, developer, user, assistant or tool.");
			}
		}
		if (last == null || !"user".equals(lastRole)) {
			throw invalid("messages", "The last user or assistant message must come from the user.");
		}
		JsonNode streamNode = body.path("stream");
		if (!streamNode.isMissingNode() && !streamNode.isNull() && !streamNode.isBoolean()) {
			throw invalid("stream", "\"stream\" must be true or false.");
		}
		boolean stream = streamNode.isBoolean() && streamNode.asBoolean();
		return new Parsed(history, last, stream);
	}

	private static String content(JsonNode content) {
		if (content == null || content.isNull()) {
			return "";
		}
		if (content.isString()) {
			return content.asString();
		}
		if (content.isArray()) {
			StringBuilder text = new StringBuilder();
			for (JsonNode part : content) {
				JsonNode type = part.path("type");
				if (type.isString() && "text".equals(type.asString())) {
					JsonNode partText = part.path("text");
					if (!partText.isString()) {
						throw invalid("messages", "A text part's \"text\" must be a string.");
					}
					if (text.length() > 0) {
						text.append('\n');
					}
					text.append(partText.asString());
				}
			}
			return text.toString();
		}
		throw invalid("messages", "A message's \"content\" must be a string or an array of text parts.");
	}

	private static AgentProblemException invalid(String field, String detail) {
		return new AgentProblemException(ProblemType.INVALID_REQUEST, detail,
				List.of(new ProblemDetail.FieldError(field, detail)), null);
	}

	private record Parsed(List<ChatMessage> history, String message, boolean stream) {

	}

	/**
	 * Writes the turn as OpenAI chat completion chunks.
	 */
	private final class ChunkWriter implements ChatStreamListener {

		private final SseEvents events;

		private final String id;

		private final long created;

		private volatile ChatTurn turn;

		private String model;

		ChunkWriter(SseEvents events, String id, long created) {
			this.events = events;
			this.id = id;
			this.created = created;
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
		public void onToken(String text) {
			send(chunk(Map.of("content", text), null, null));
		}

		@Override
		public void onDone(StreamEvent.Done done) {
			this.model = done.model();
			send(chunk(Map.of(), "stop", extras(done.degraded(), done.citations())));
			if (!this.events.isBroken()) {
				this.events.send(null, "[DONE]");
			}
			this.events.complete();
		}

		@Override
		public void onError(ProblemDetail problem) {
			send(OpenAiErrors.of(problem));
			this.events.complete();
		}

		private Map<String, Object> chunk(Map<String, Object> delta, String finishReason, Map<String, Object> extras) {
			Map<String, Object> choice = new LinkedHashMap<>();
			choice.put("index", 0);
			choice.put("delta", delta);
			choice.put("logprobs", null);
			choice.put("finish_reason", finishReason);
			Map<String, Object> chunk = new LinkedHashMap<>();
			chunk.put("id", this.id);
			chunk.put("object", "chat.completion.chunk");
			chunk.put("created", this.created);
			chunk.put("model", this.model);
			chunk.put("system_fingerprint", null);
			chunk.put("choices", List.of(choice));
			if (extras != null) {
				chunk.put("project51", extras);
			}
			return chunk;
		}

		private void send(Object data) {
			if (!this.events.send(null, OpenAiCompatibleController.this.json.writeValueAsString(data))) {
				ChatTurn current = this.turn;
				if (current != null) {
					current.cancel();
				}
			}
		}

	}

}
