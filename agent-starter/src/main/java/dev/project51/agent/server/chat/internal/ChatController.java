package dev.project51.agent.server.chat.internal;

import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The v1 agent API: chat, streamed chat (server-sent events), conversations and the
 * models of the failover chain.
 *
 * @since 0.1.0
 */
@RestController
public class ChatController {

	private final ChatService chatService;

	private final JsonMapper json;

	/**
	 * Creates the controller.
	 * @param chatService the conversations
	 * @param json the mapper of event data
	 */
	public ChatController(ChatService chatService, JsonMapper json) {
		this.chatService = chatService;
		this.json = json;
	}

	@PostMapping(path = AgentApi.CHAT_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ChatReply chat(@RequestBody ChatRequest request) {
		return this.chatService.chat(request);
	}

	@PostMapping(AgentApi.CHAT_STREAM_PATH)
	ResponseEntity<ResponseBodyEmitter> stream(@RequestBody ChatRequest request, HttpServletRequest servletRequest) {
		ResponseBodyEmitter emitter = new ResponseBodyEmitter(
				this.chatService.settings().streamTimeout().toMillis() + 10_000);
		SseEvents events = new SseEvents(emitter);
		events.open();
		EventListener listener = new EventListener(events,
				(servletRequest.getAttribute(ProblemResponses.TRACE_ID_ATTRIBUTE) instanceof String id) ? id : null);
		ChatTurn turn = this.chatService.stream(request, listener);
		listener.turn = turn;
		emitter.onTimeout(turn::cancel);
		emitter.onError((ex) -> turn.cancel());
		this.chatService.keepAlive(events, turn);
		return ResponseEntity.ok()
			.contentType(SseEvents.EVENT_STREAM)
			.header("Cache-Control", "no-cache")
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

	@GetMapping(path = AgentApi.CONVERSATIONS_PATH + "{conversationId}", produces = MediaType.APPLICATION_JSON_VALUE)
	Conversation conversation(@PathVariable String conversationId) {
		return this.chatService.conversation(conversationId);
	}

	@DeleteMapping(AgentApi.CONVERSATIONS_PATH + "{conversationId}")
	ResponseEntity<Void> deleteConversation(@PathVariable String conversationId) {
		this.chatService.deleteConversation(conversationId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping(path = AgentApi.MODELS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	List<ModelStatus> models() {
		return this.chatService.models();
	}

	/**
	 * Writes the turn's events as SSE; cancels the turn when the client goes away.
	 */
	private final class EventListener implements ChatStreamListener {

		private final SseEvents events;

		private volatile ChatTurn turn;

		private final String traceId;

		EventListener(SseEvents events, String traceId) {
			this.events = events;
			this.traceId = traceId;
		}

		@Override
		public void onMeta(StreamEvent.Meta meta) {
			send(meta);
		}

		@Override
		public void onToken(String text) {
			send(new StreamEvent.Token(text));
		}

		@Override
		public void onDone(StreamEvent.Done done) {
			send(done);
			this.events.complete();
		}

		@Override
		public void onError(ProblemDetail problem) {
			send(new StreamEvent.Error(
					(this.traceId != null && problem.traceId() == null) ? problem.withTraceId(this.traceId) : problem));
			this.events.complete();
		}

		private void send(StreamEvent event) {
			if (!this.events.send(event.name(), ChatController.this.json.writeValueAsString(event))) {
				ChatTurn current = this.turn;
				if (current != null) {
					current.cancel();
				}
			}
		}

	}

}
