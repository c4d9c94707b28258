package dev.project51.reliability.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.StreamListener;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.reliability.deployment.FrontendChat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ways a user's message reaches the agent, each driven by the client a user would
 * use: the agent client library for the v1 API (blocking and streaming), a plain HTTP
 * client for the OpenAI-compatible {@code /v1/chat/completions} (as an OpenAI SDK sends
 * it, with the SDK's 10-minute timeout), and the chat page's request to the frontend.
 */
enum AnswerPath {

	/** {@code POST /api/v1/chat} through {@link AgentClient#chat}. */
	API_CHAT(false),

	/** {@code POST /api/v1/chat/stream} through {@link AgentClient#stream}. */
	API_STREAM(true),

	/** {@code POST /v1/chat/completions}. */
	OPENAI_CHAT(false),

	/** {@code POST /v1/chat/completions} with {@code stream: true}. */
	OPENAI_STREAM(true),

	/** The chat page's {@code POST /api/chat/stream} on the frontend. */
	BROWSER(true);

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final boolean streaming;

	AnswerPath(boolean streaming) {
		this.streaming = streaming;
	}

	boolean streaming() {
		return this.streaming;
	}

	/**
	 * Sends one message on this path and observes the answer to its end.
	 * @param lane where to send it
	 * @param message the message
	 * @return what the user saw, and when
	 */
	Answer ask(FaultLane lane, String message) throws Exception {
		return askIn(lane, null, message);
	}

	/**
	 * Sends one message in a conversation (ignored by the OpenAI-compatible paths, which
	 * have none) and observes the answer to its end.
	 * @param lane where to send it
	 * @param conversationId the conversation, or {@code null} for a new one
	 * @param message the message
	 * @return what the user saw, and when
	 */
	Answer askIn(FaultLane lane, String conversationId, String message) throws Exception {
		long start = System.nanoTime();
		return switch (this) {
			case API_CHAT -> apiChat(lane.agentClient(), ChatRequest.of(conversationId, message), start);
			case API_STREAM -> apiStream(lane.agentClient(), ChatRequest.of(conversationId, message), start);
			case OPENAI_CHAT -> openAi(lane, message, false, start);
			case OPENAI_STREAM -> openAi(lane, message, true, start);
			case BROWSER -> browser(lane.frontendChat(), conversationId, message, start);
		};
	}

	private static Answer apiChat(AgentClient client, ChatRequest request, long start) {
		try {
			ChatReply reply = client.chat(request);
			return new Answer(200, reply.model(), reply.degraded(), reply.reply(), null, since(start), null, null,
					reply.conversationId());
		}
		catch (AgentClientException ex) {
			ProblemDetail problem = ex.problem().orElse(null);
			return new Answer(ex.status(), null, null, "", null, since(start),
					(problem != null) ? problem.type() : ex.getClass().getSimpleName(),
					(problem != null) ? problem.detail() : ex.getMessage(), null);
		}
	}

	private static Answer apiStream(AgentClient client, ChatRequest request, long start) throws Exception {
		CompletableFuture<Answer> answer = new CompletableFuture<>();
		StringBuilder text = new StringBuilder();
		long[] firstToken = { 0 };
		String[] conversation = { null };
		client.stream(request, new StreamListener() {

			@Override
			public void onMeta(StreamEvent.Meta meta) {
				conversation[0] = meta.conversationId();
			}

			@Override
			public void onToken(String token) {
				if (firstToken[0] == 0) {
					firstToken[0] = System.nanoTime();
				}
				text.append(token);
			}

			@Override
			public void onDone(StreamEvent.Done done) {
				answer.complete(new Answer(200, done.model(), done.degraded(), done.reply(),
						first(start, firstToken[0]), since(start), null, null, conversation[0]));
			}

			@Override
			public void onError(AgentClientException error) {
				ProblemDetail problem = error.problem().orElse(null);
				answer.complete(new Answer(200, null, null, text.toString(), first(start, firstToken[0]), since(start),
						(problem != null) ? problem.type() : error.getClass().getSimpleName(),
						(problem != null) ? problem.detail() : error.getMessage(), conversation[0]));
			}

		});
		return answer.get(10, TimeUnit.MINUTES);
	}

	private static Answer openAi(FaultLane lane, String message, boolean stream, long start) throws Exception {
		ObjectNode body = JSON.createObjectNode();
		body.put("model", "project51-agent");
		body.put("stream", stream);
		body.putArray("messages").addObject().put("role", "user").put("content", message);
		HttpRequest request = HttpRequest.newBuilder(URI.create(lane.agentBaseUrl() + "/v1/chat/completions"))
			.timeout(Duration.ofMinutes(10))
			.header("Authorization", "Bearer " + lane.token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		if (!stream) {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode completion = JSON.readTree(response.body());
			if (completion.has("error")) {
				return new Answer(response.statusCode(), null, null, "", null, since(start),
						completion.path("error").path("code").asString(),
						completion.path("error").path("message").asString(), null);
			}
			return new Answer(response.statusCode(), completion.path("model").asString(),
					completion.path("project51").path("degraded").asBoolean(),
					completion.path("choices").get(0).path("message").path("content").asString(), null, since(start),
					null, null, null);
		}
		HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
		StringBuilder text = new StringBuilder();
		long firstToken = 0;
		String model = null;
		Boolean degraded = null;
		String errorCode = null;
		String errorMessage = null;
		boolean finished = false;
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (!line.startsWith("data: ")) {
					continue;
				}
				String data = line.substring(6);
				if (data.equals("[DONE]")) {
					finished = true;
					break;
				}
				JsonNode chunk = JSON.readTree(data);
				if (chunk.has("error")) {
					errorCode = chunk.path("error").path("code").asString();
					errorMessage = chunk.path("error").path("message").asString();
					continue;
				}
				model = chunk.path("model").asString(model);
				String content = chunk.path("choices").path(0).path("delta").path("content").asString("");
				if (!content.isEmpty()) {
					if (firstToken == 0) {
						firstToken = System.nanoTime();
					}
					text.append(content);
				}
				if (chunk.path("project51").has("degraded")) {
					degraded = chunk.path("project51").path("degraded").asBoolean();
				}
			}
		}
		catch (IOException ex) {
			// The agent ends a failed stream with an error chunk and a complete body: a
			// broken connection is a fault between the client and the agent.
			if (errorCode == null) {
				errorCode = "stream broke without an error chunk: " + ex;
			}
		}
		if (!finished && errorCode == null) {
			errorCode = "stream ended without [DONE] or an error";
		}
		return new Answer(response.statusCode(), model, degraded, text.toString(), first(start, firstToken),
				since(start), errorCode, errorMessage, null);
	}

	private static Answer browser(FrontendChat chat, String conversationId, String message, long start)
			throws Exception {
		FrontendChat.Answer answer = chat.send(conversationId, message, Duration.ofMinutes(10));
		StringBuilder text = new StringBuilder();
		Duration firstToken = null;
		for (FrontendChat.Event event : answer.events()) {
			if (event.name().equals("token")) {
				if (firstToken == null) {
					firstToken = event.at();
				}
				text.append(event.data().path("text").asString());
			}
		}
		JsonNode done = answer.done();
		JsonNode error = answer.error();
		if (done != null) {
			return new Answer(answer.status(), done.path("model").asString(), done.path("degraded").asBoolean(),
					done.path("reply").asString(), firstToken, since(start), null, null, answer.conversationId());
		}
		return new Answer(answer.status(), null, null, text.toString(), firstToken, since(start),
				(error != null) ? error.path("problem").path("type").asString() : "no done or error event",
				(error != null) ? error.path("problem").path("detail").asString() : answer.toString(),
				answer.conversationId());
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static Duration first(long start, long at) {
		return (at == 0) ? null : Duration.ofNanos(at - start);
	}

	/**
	 * What the user saw.
	 *
	 * @param status the HTTP status
	 * @param model the model that answered, {@code null} if none did
	 * @param degraded whether the answer says it came from a fallback
	 * @param text the answer's text (for an interrupted stream: what arrived)
	 * @param firstToken when the first text arrived, {@code null} for blocking paths
	 * @param total when the answer (or its error) was complete
	 * @param error the problem type (OpenAI error code on {@code /v1}), {@code null}
	 * without error
	 * @param errorDetail the error's text for people
	 * @param conversationId the conversation, where the path reports it
	 */
	record Answer(int status, String model, Boolean degraded, String text, Duration firstToken, Duration total,
			String error, String errorDetail, String conversationId) {

		/** When the user first saw an answer: the first token, or the whole answer. */
		Duration firstAnswer() {
			return (this.firstToken != null) ? this.firstToken : this.total;
		}

	}

}
