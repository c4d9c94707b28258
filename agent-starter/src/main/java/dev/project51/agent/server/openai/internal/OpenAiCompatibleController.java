package dev.project51.agent.server.openai.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.chat.internal.ChatService;
import dev.project51.agent.server.chat.internal.DirectTurns;
import dev.project51.agent.server.chat.internal.ChatStreamListener;
import dev.project51.agent.server.chat.internal.ChatTurn;
import dev.project51.agent.server.chat.internal.OnceOptions;
import dev.project51.agent.server.chat.internal.OnceReply;
import dev.project51.agent.server.chat.internal.SseEvents;
import dev.project51.agent.server.chat.internal.TurnOutcome;
import dev.project51.agent.server.problem.internal.OpenAiErrors;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import dev.project51.agent.server.security.internal.ClientRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * An OpenAI-compatible facade of the agent: {@code POST /v1/chat/completions} (plain and
 * {@code stream: true}, in OpenAI's chunk format ending with {@code data: [DONE]}),
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}, so OpenAI SDKs and chat UIs can
 * use the self-healing agent unchanged. Every request field is honoured or refused with a
 * 400 naming it ({@link OpenAiRequest}). Requests are stateless (the client sends the
 * history). Without client tools a request runs through the agent's own AI service
 * (system prompt, knowledge base, the agent's tools, failover); with client tools it goes
 * to the failover chain directly, and the model's tool calls come back in OpenAI's shape
 * for the client to execute. Answers carry the model that produced them in {@code model}
 * and the agent's extras in {@code project51: {degraded, citations}}. A stream that fails
 * after it started ends with an error chunk and a broken connection (no {@code [DONE]}),
 * so that clients raise an error instead of taking a short answer for a complete one.
 *
 * @since 0.1.0
 */
@RestController
public class OpenAiCompatibleController {

	/** Path of the chat completions endpoint. */
	public static final String COMPLETIONS_PATH = "/v1/chat/completions";

	/** Path of the models endpoint. */
	public static final String MODELS_PATH = "/v1/models";

	private static final Pattern TOKEN = Pattern.compile("\\s*\\S+");

	private final ChatService chatService;

	private final DirectTurns directTurns;

	private final JsonMapper json;

	private final String modelId;

	private final Clock clock;

	private final ClientRateLimiter userLimiter;

	/**
	 * Creates the controller.
	 * @param chatService the turns (models, limits, keep-alive)
	 * @param directTurns the turns without stored conversation
	 * @param json the JSON mapper
	 * @param modelId the model id that names the whole chain
	 * @param clock the clock of {@code created} timestamps
	 */
	public OpenAiCompatibleController(ChatService chatService, DirectTurns directTurns, JsonMapper json, String modelId,
			Clock clock) {
		this(chatService, directTurns, json, modelId, clock, null);
	}

	/**
	 * Creates the controller.
	 * @param chatService the turns (models, limits, keep-alive)
	 * @param directTurns the turns without stored conversation
	 * @param json the JSON mapper
	 * @param modelId the model id that names the whole chain
	 * @param clock the clock of {@code created} timestamps
	 * @param userLimiter the rate limit per end user ({@code user}), or {@code null}
	 */
	public OpenAiCompatibleController(ChatService chatService, DirectTurns directTurns, JsonMapper json, String modelId,
			Clock clock, ClientRateLimiter userLimiter) {
		this.chatService = chatService;
		this.directTurns = directTurns;
		this.json = json;
		this.modelId = modelId;
		this.clock = clock;
		this.userLimiter = userLimiter;
	}

	@GetMapping(path = MODELS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> models() {
		List<Map<String, Object>> data = new ArrayList<>();
		data.add(model(this.modelId, "project51"));
		for (ModelStatus status : this.chatService.models()) {
			if (!status.name().equals(this.modelId)) {
				data.add(model(status.name(), status.provider()));
			}
		}
		Map<String, Object> list = new LinkedHashMap<>();
		list.put("object", "list");
		list.put("data", data);
		return list;
	}

	@GetMapping(path = MODELS_PATH + "/{*id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> model(@PathVariable("id") String path) {
		String id = path.startsWith("/") ? path.substring(1) : path;
		if (id.equals(this.modelId)) {
			return model(id, "project51");
		}
		return this.chatService.models()
			.stream()
			.filter((status) -> status.name().equals(id))
			.findFirst()
			.map((status) -> model(status.name(), status.provider()))
			.orElseThrow(() -> modelNotFound(id));
	}

	private static Map<String, Object> model(String id, String owner) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("id", id);
		model.put("object", "model");
		model.put("created", 0);
		model.put("owned_by", owner);
		return model;
	}

	/**
	 * The chain model a request names: the chain's own id (or none) is the whole chain.
	 */
	private String resolve(String model) {
		if (model.equals(this.modelId)) {
			return null;
		}
		for (ModelStatus status : this.chatService.models()) {
			if (status.name().equals(model)) {
				return status.name();
			}
		}
		throw modelNotFound(model);
	}

	private OpenAiException modelNotFound(String model) {
		String shown = (model.length() > 100) ? model.substring(0, 100) + "..." : model;
		return new OpenAiException(404, "model", "model_not_found", "The model '" + shown + "' does not exist. Use '"
				+ this.modelId + "' (the whole failover chain) or a model of the chain; GET /v1/models lists them.");
	}

	@PostMapping(COMPLETIONS_PATH)
	ResponseEntity<?> completions(@RequestBody JsonNode body, HttpServletRequest http) {
		OpenAiRequest request = OpenAiRequest.parse(body, this.chatService.settings().maxMessageLength(),
				this::resolve);
		limitUser(request.user());
		OnceOptions options = new OnceOptions(request.model(), request.parameters(), request.systemText());
		String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
		long created = this.clock.instant().getEpochSecond();
		int promptTokens = promptTokens(request);
		if (!request.stream()) {
			OnceReply reply = request.direct() ? this.directTurns.completeOnce(request.messages(), options)
					: this.directTurns.chatOnce(request.history(), request.message(), options);
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(completion(id, created, reply, promptTokens));
		}
		ResponseBodyEmitter emitter = new ResponseBodyEmitter(
				this.chatService.settings().streamTimeout().toMillis() + 10_000);
		SseEvents events = new SseEvents(emitter);
		events.open();
		ChunkWriter writer = new ChunkWriter(events, http, id, created, request.includeUsage(), promptTokens);
		ChatTurn turn = request.direct() ? this.directTurns.streamCompleteOnce(request.messages(), options, writer)
				: this.directTurns.streamOnce(request.history(), request.message(), options, writer);
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

	private void limitUser(String user) {
		if (this.userLimiter == null || user == null || user.isEmpty()) {
			return;
		}
		Duration wait = this.userLimiter.tryAcquire(user);
		if (!wait.isZero()) {
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			throw OpenAiException.rateLimited("user", seconds,
					"Too many requests for this user. Retry after " + seconds + " s.");
		}
	}

	private Map<String, Object> completion(String id, long created, OnceReply once, int promptTokens) {
		ChatReply reply = once.reply();
		TurnOutcome outcome = once.outcome();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", "assistant");
		boolean toolCalls = !outcome.toolCalls().isEmpty();
		message.put("content", (toolCalls && reply.reply().isEmpty()) ? null : reply.reply());
		message.put("refusal", null);
		if (toolCalls) {
			message.put("tool_calls", toolCalls(outcome.toolCalls(), false));
		}
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("message", message);
		choice.put("logprobs", null);
		choice.put("finish_reason", finishReason(outcome));
		Map<String, Object> completion = new LinkedHashMap<>();
		completion.put("id", id);
		completion.put("object", "chat.completion");
		completion.put("created", created);
		completion.put("model", reply.model());
		completion.put("choices", List.of(choice));
		completion.put("usage", usage(outcome, promptTokens, reply.reply()));
		completion.put("system_fingerprint", null);
		completion.put("project51", extras(reply.degraded(), reply.citations()));
		return completion;
	}

	private static List<Map<String, Object>> toolCalls(List<ToolExecutionRequest> calls, boolean delta) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (int i = 0; i < calls.size(); i++) {
			ToolExecutionRequest call = calls.get(i);
			Map<String, Object> function = new LinkedHashMap<>();
			function.put("name", call.name());
			function.put("arguments", (call.arguments() != null) ? call.arguments() : "{}");
			Map<String, Object> entry = new LinkedHashMap<>();
			if (delta) {
				entry.put("index", i);
			}
			entry.put("id", (call.id() != null) ? call.id() : "call_" + UUID.randomUUID().toString().replace("-", ""));
			entry.put("type", "function");
			entry.put("function", function);
			list.add(entry);
		}
		return list;
	}

	private static String finishReason(TurnOutcome outcome) {
		if (!outcome.toolCalls().isEmpty()) {
			return "tool_calls";
		}
		FinishReason reason = outcome.finishReason();
		if (reason == FinishReason.LENGTH) {
			return "length";
		}
		if (reason == FinishReason.CONTENT_FILTER) {
			return "content_filter";
		}
		return "stop";
	}

	/**
	 * The usage of an answer: the model's counts where it gave them, else the local
	 * model's own count (a token is a word with the white space before it).
	 */
	private static Map<String, Object> usage(TurnOutcome outcome, int promptTokens, String text) {
		TokenUsage usage = outcome.usage();
		int prompt = (usage != null && usage.inputTokenCount() != null && usage.inputTokenCount() > 0)
				? usage.inputTokenCount() : promptTokens;
		int completion;
		if (usage != null && usage.outputTokenCount() != null) {
			completion = usage.outputTokenCount();
		}
		else {
			completion = count(text);
			for (ToolExecutionRequest call : outcome.toolCalls()) {
				completion += 1 + count(call.arguments());
			}
		}
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("prompt_tokens", prompt);
		map.put("completion_tokens", completion);
		map.put("total_tokens", prompt + completion);
		return map;
	}

	private static int promptTokens(OpenAiRequest request) {
		int count = count(request.systemText());
		List<ChatMessage> messages = request.direct() ? request.messages() : request.history();
		for (ChatMessage message : messages) {
			if (message instanceof UserMessage user && user.hasSingleText()) {
				count += count(user.singleText());
			}
			else if (message instanceof AiMessage ai) {
				count += count(ai.text());
				if (ai.hasToolExecutionRequests()) {
					for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
						count += 1 + count(call.arguments());
					}
				}
			}
			else if (message instanceof ToolExecutionResultMessage result) {
				count += count(result.text());
			}
		}
		return count + (request.direct() ? 0 : count(request.message()));
	}

	private static int count(String text) {
		if (text == null) {
			return 0;
		}
		int count = 0;
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private static Map<String, Object> extras(boolean degraded, List<Citation> citations) {
		Map<String, Object> extras = new LinkedHashMap<>();
		extras.put("degraded", degraded);
		extras.put("citations", citations);
		return extras;
	}

	/**
	 * Writes the turn as OpenAI chat completion chunks.
	 */
	private final class ChunkWriter implements ChatStreamListener {

		private final SseEvents events;

		private final HttpServletRequest request;

		private final String id;

		private final long created;

		private final boolean includeUsage;

		private final int promptTokens;

		private final StringBuilder text = new StringBuilder();

		private volatile ChatTurn turn;

		private String model;

		ChunkWriter(SseEvents events, HttpServletRequest request, String id, long created, boolean includeUsage,
				int promptTokens) {
			this.events = events;
			this.request = request;
			this.id = id;
			this.created = created;
			this.includeUsage = includeUsage;
			this.promptTokens = promptTokens;
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
				send(chunk(Map.of("tool_calls", toolCalls(outcome.toolCalls(), true)), null, null));
			}
			send(chunk(Map.of(), finishReason(outcome), extras(done.degraded(), done.citations())));
			if (this.includeUsage) {
				Map<String, Object> usageChunk = chunk(null, null, null);
				usageChunk.put("usage", usage(outcome, this.promptTokens, this.text.toString()));
				send(usageChunk);
			}
			if (!this.events.isBroken()) {
				this.events.send(null, "[DONE]");
			}
			this.events.complete();
		}

		/**
		 * The answer failed: an error chunk (which OpenAI's SDKs raise), then the
		 * connection is closed without ending the response, so that a client that ignores
		 * error chunks sees a broken stream, never a complete answer.
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
			if (!this.events.send(null, OpenAiCompatibleController.this.json.writeValueAsString(data))) {
				ChatTurn current = this.turn;
				if (current != null) {
					current.cancel();
				}
			}
		}

	}

}
