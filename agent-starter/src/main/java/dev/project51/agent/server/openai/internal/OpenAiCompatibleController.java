package dev.project51.agent.server.openai.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.agent.server.chat.internal.ChatService;
import dev.project51.agent.server.chat.internal.ChatTurn;
import dev.project51.agent.server.chat.internal.DirectTurns;
import dev.project51.agent.server.chat.internal.OnceOptions;
import dev.project51.agent.server.chat.internal.OnceReply;
import dev.project51.agent.server.chat.internal.StreamedTurns;
import dev.project51.server.internal.security.KeyedRateLimiter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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

	private final ChatService chatService;

	private final DirectTurns directTurns;

	private final JsonMapper json;

	private final String modelId;

	private final Clock clock;

	private final KeyedRateLimiter userLimiter;

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
			Clock clock, KeyedRateLimiter userLimiter) {
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
	ResponseEntity<?> completions(@RequestBody JsonNode body) {
		OpenAiRequest request = OpenAiRequest.parse(body, this.chatService.settings().maxMessageLength(),
				this::resolve);
		limitUser(request.user());
		OnceOptions options = new OnceOptions(request.model(), request.parameters(), request.systemText());
		String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
		long created = this.clock.instant().getEpochSecond();
		int promptTokens = OpenAiResponses.promptTokens(request);
		if (!request.stream()) {
			OnceReply reply = request.direct() ? this.directTurns.completeOnce(request.messages(), options)
					: this.directTurns.chatOnce(request.history(), request.message(), options);
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(OpenAiResponses.completion(id, created, reply, promptTokens));
		}
		return StreamedTurns.respond(this.chatService, (events) -> {
			OpenAiChunkWriter writer = new OpenAiChunkWriter(events, this.json, id, created, request.includeUsage(),
					promptTokens);
			ChatTurn turn = request.direct() ? this.directTurns.streamCompleteOnce(request.messages(), options, writer)
					: this.directTurns.streamOnce(request.history(), request.message(), options, writer);
			writer.turn(turn);
			return turn;
		});
	}

	private void limitUser(String user) {
		if (this.userLimiter == null || user == null || user.isEmpty()) {
			return;
		}
		Duration wait = this.userLimiter.tryAcquire(user);
		if (!wait.isZero()) {
			long seconds = RetryAfter.seconds(wait);
			throw OpenAiException.rateLimited("user", seconds,
					"Too many requests for this user. Retry after " + seconds + " s.");
		}
	}

}
