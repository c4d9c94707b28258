package dev.project51.examples.loadgen.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * The scenarios of a benchmark. Each call of a chat scenario starts a new conversation
 * with the same message, so that every call does the same work.
 *
 * @since 0.1.0
 */
public final class Scenarios {

	private static final int MAX_MESSAGE_IN_KIND = 80;

	private Scenarios() {
	}

	/**
	 * {@code POST /api/v1/chat} through the agent client: the time until the whole
	 * answer.
	 * @param agent the client; give it no retries and no circuit breaker so that every
	 * failure is counted once and none is hidden
	 * @param message the message
	 * @return the scenario
	 */
	public static Scenario chat(AgentClient agent, String message) {
		return new ChatScenario(agent, requireMessage(message));
	}

	/**
	 * {@code POST /api/v1/chat/stream} through the agent client: the time to the first
	 * token and until the {@code done} event.
	 * @param agent the client, as for {@link #chat}
	 * @param message the message
	 * @return the scenario
	 */
	public static Scenario stream(AgentClient agent, String message) {
		return new StreamScenario(agent, requireMessage(message));
	}

	/**
	 * A {@code GET} that must answer 200, with a plain JDK {@link HttpClient}: the
	 * framework's floor, e.g. {@code /actuator/health/liveness}.
	 * @param name the scenario's name in reports
	 * @param http the HTTP client
	 * @param url the URL
	 * @param timeout the time a call may take
	 * @return the scenario
	 */
	public static Scenario get(String name, HttpClient http, URI url, Duration timeout) {
		return new GetScenario(name, http, url, timeout);
	}

	/**
	 * A streamed chat read as raw server-sent events with a plain JDK {@link HttpClient}:
	 * {@code POST} of {@code {"message": ...}} as JSON, then the events up to
	 * {@code done}. Works on the agent ({@code /api/v1/chat/stream}) and on the
	 * frontend's relay ({@code /api/chat/stream}), which send the same events, so that
	 * both are measured the same way.
	 * @param name the scenario's name in reports
	 * @param http the HTTP client
	 * @param url the streaming endpoint
	 * @param apiToken the bearer token to send, or {@code null} for none
	 * @param message the message
	 * @param timeout the time a whole stream may take
	 * @return the scenario
	 */
	public static Scenario sse(String name, HttpClient http, URI url, String apiToken, String message,
			Duration timeout) {
		return new SseScenario(name, http, url, apiToken, requireMessage(message), timeout, false);
	}

	/**
	 * {@link #sse} as browsers call it: each caller is one browser, which keeps the
	 * session cookie the first answer gave it and sends it with its next messages.
	 * @param name the scenario's name in reports
	 * @param http the HTTP client
	 * @param url the streaming endpoint
	 * @param apiToken the bearer token to send, or {@code null} for none
	 * @param message the message
	 * @param timeout the time a whole stream may take
	 * @return the scenario
	 */
	public static Scenario browserSse(String name, HttpClient http, URI url, String apiToken, String message,
			Duration timeout) {
		return new SseScenario(name, http, url, apiToken, requireMessage(message), timeout, true);
	}

	/**
	 * A streamed OpenAI chat completion ({@code POST .../chat/completions} with
	 * {@code "stream": true}) read as raw server-sent events with a plain JDK
	 * {@link HttpClient}: the time to the first chunk with content and until
	 * {@code data: [DONE]}. The same measurement for a provider, the agent's {@code /v1}
	 * and an OpenAI-compatible gateway in front of that provider.
	 * @param name the scenario's name in reports
	 * @param http the HTTP client
	 * @param url the chat completions endpoint
	 * @param apiToken the bearer token to send, or {@code null} for none
	 * @param model the model to ask for
	 * @param message the user message
	 * @param timeout the time a whole stream may take
	 * @return the scenario
	 */
	public static Scenario completions(String name, HttpClient http, URI url, String apiToken, String model,
			String message, Duration timeout) {
		return new CompletionsScenario(name, http, url, apiToken, model, requireMessage(message), timeout);
	}

	static String requireMessage(String message) {
		if (message == null || message.isBlank()) {
			throw new IllegalArgumentException("message must not be blank");
		}
		return message;
	}

	/**
	 * The kind of error a failed exchange counts as: the exception's simple name, with
	 * its message when that is a short sentence (the JDK client's say what happened, such
	 * as "HTTP/1.1 header parser received no bytes").
	 */
	static String kind(Throwable ex) {
		String message = ex.getMessage();
		boolean sentence = message != null && !message.isBlank() && message.length() <= MAX_MESSAGE_IN_KIND;
		return ex.getClass().getSimpleName() + (sentence ? ": " + message.strip() : "");
	}

	static ScenarioException failure(AgentClientException ex) {
		String kind = ex.getClass().getSimpleName() + ((ex.status() > 0) ? " (HTTP " + ex.status() + ")" : "");
		return new ScenarioException(kind, ex.getMessage(), ex);
	}

}
