package dev.project51.frontend.chat.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.frontend.observability.internal.RelayMetrics;
import dev.project51.frontend.session.internal.BrowserSession;
import dev.project51.frontend.status.AgentStatusService;
import dev.project51.server.internal.observability.TraceIds;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /api/chat/stream}: sends the page's message to the agent and relays the
 * answer to the browser as server-sent events, in the agent contract's format:
 * {@code meta}, {@code token}*, then {@code done} or {@code error}.
 * <p>
 * An invalid message is refused with a {@code 400} problem before any stream starts.
 * Every failure of the agent arrives as an {@code error} event whose problem is written
 * for people. A message sent while the agent client's circuit is open first checks the
 * agent's status, so that the first message after the agent is back gets an answer
 * instead of waiting out the circuit. When the browser goes away (Stop, a closed tab),
 * the next write fails and the agent's stream is cancelled; keep-alive comments make sure
 * such a write happens even while the agent is silent.
 *
 * @since 0.1.0
 */
@RestController
public class ChatStreamController implements DisposableBean {

	/** Path of the streaming endpoint. */
	public static final String PATH = ChatPageController.API_PATH + "/chat/stream";

	private static final Duration EMITTER_GRACE = Duration.ofSeconds(10);

	private final AgentClient client;

	private final ChatSettings settings;

	private final AgentStatusService statusService;

	private final ScheduledExecutorService heartbeats;

	/** The heartbeat thread of this controller, if none was given. */
	private final ScheduledExecutorService ownHeartbeats;

	private final RelayMetrics relayMetrics;

	/**
	 * Create a controller.
	 * @param client the agent client
	 * @param settings the settings
	 * @param statusService told when an answer fails because the agent is unavailable,
	 * and which model answered
	 */
	public ChatStreamController(AgentClient client, ChatSettings settings, AgentStatusService statusService) {
		this(client, settings, statusService, null);
	}

	/**
	 * Create a controller.
	 * @param client the agent client
	 * @param settings the settings
	 * @param statusService told when an answer fails because the agent is unavailable,
	 * and which model answered
	 * @param relayMetrics where the streams' latency is measured, may be {@code null}
	 */
	public ChatStreamController(AgentClient client, ChatSettings settings, AgentStatusService statusService,
			RelayMetrics relayMetrics) {
		this(client, settings, statusService, relayMetrics, null);
	}

	/**
	 * Create a controller.
	 * @param client the agent client
	 * @param settings the settings
	 * @param statusService told when an answer fails because the agent is unavailable,
	 * and which model answered
	 * @param relayMetrics where the streams' latency is measured, may be {@code null}
	 * @param heartbeats where the streams' heartbeats are scheduled, owned (and shut
	 * down) by the caller; {@code null} for a thread of this controller's own
	 */
	public ChatStreamController(AgentClient client, ChatSettings settings, AgentStatusService statusService,
			RelayMetrics relayMetrics, ScheduledExecutorService heartbeats) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(statusService, "'statusService' must not be null");
		this.client = client;
		this.settings = settings;
		this.statusService = statusService;
		this.relayMetrics = relayMetrics;
		this.ownHeartbeats = (heartbeats != null) ? null : Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "project51-sse-heartbeat-1");
			thread.setDaemon(true);
			return thread;
		});
		this.heartbeats = (heartbeats != null) ? heartbeats : this.ownHeartbeats;
	}

	/**
	 * Stream the agent's answer to a message.
	 * @param message the page's message: {@code {"conversationId": "...", "message":
	 * "..."}}
	 * @param request the request
	 * @return the event stream
	 */
	@PostMapping(PATH)
	public ResponseEntity<SseEmitter> stream(@RequestBody ChatRequest message, HttpServletRequest request) {
		String instance = request.getRequestURI();
		ChatRequest validated = validate(message, instance);
		if (this.client.circuitState() == CircuitState.OPEN) {
			// The agent may be back before the circuit's wait is over (a restarted
			// process, a finished rollout). A status check half-opens the circuit when
			// the agent is ready, and this message becomes the trial call instead of
			// failing fast; while the agent is still down the check fails fast too.
			this.statusService.current();
		}
		// A little longer than the agent client's own stream timeout, so that its timeout
		// error reaches the browser as an event before this one cuts the connection.
		SseEmitter emitter = new SseEmitter(this.settings.streamTimeout().plus(EMITTER_GRACE).toMillis());
		StreamRelay relay = new StreamRelay(emitter, instance, this.statusService, this.relayMetrics,
				TraceIds.of(request));
		// The conversation belongs to this browser's session, at the agent too.
		relay.start(this.client.forEndUser(BrowserSession.of(request).endUser()), validated, this.heartbeats,
				this.settings.streamHeartbeat());
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			// Tell buffering proxies (nginx) to pass each event through at once.
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

	private ChatRequest validate(ChatRequest message, String instance) {
		if (message == null || AgentApi.isBlankMessage(message.message())) {
			throw new ProblemException(
					ChatExceptionHandler.invalid("message", "Type a message before sending.", instance));
		}
		int length = message.message().length();
		if (length > this.settings.maxMessageLength()) {
			throw new ProblemException(
					ChatExceptionHandler.invalid("message", "The message has " + length + " characters; at most "
							+ this.settings.maxMessageLength() + " are allowed. Shorten it.", instance));
		}
		String conversationId = message.conversationId();
		if (conversationId != null && !AgentApi.isValidConversationId(conversationId)) {
			throw new ProblemException(ChatExceptionHandler.invalid("conversationId",
					"The conversation id must be 1 to 64 letters, digits, '-' or '_'. Start a new conversation.",
					instance));
		}
		return ChatRequest.of(conversationId, message.message());
	}

	@Override
	public void destroy() {
		if (this.ownHeartbeats != null) {
			this.ownHeartbeats.shutdownNow();
		}
	}

}
