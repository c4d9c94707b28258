package dev.project51.agent.server.chat.internal;

import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationRename;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.MessageFeedback;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.security.internal.AgentRequestFilter;
import dev.project51.server.internal.observability.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The v1 agent API: chat, streamed chat (server-sent events), conversations, ratings of
 * answers and the models of the failover chain.
 *
 * @since 0.1.0
 */
@RestController
public class ChatController {

	private final ChatService chatService;

	private final ConversationService conversations;

	private final JsonMapper json;

	/**
	 * Creates the controller.
	 * @param chatService the turns
	 * @param conversations the stored conversations
	 * @param json the mapper of event data
	 */
	public ChatController(ChatService chatService, ConversationService conversations, JsonMapper json) {
		this.chatService = chatService;
		this.conversations = conversations;
		this.json = json;
	}

	@PostMapping(path = AgentApi.CHAT_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ChatReply chat(@RequestBody ChatRequest request, HttpServletRequest http) {
		return this.chatService.chat(request, owner(http));
	}

	@PostMapping(AgentApi.CHAT_STREAM_PATH)
	ResponseEntity<ResponseBodyEmitter> stream(@RequestBody ChatRequest request, HttpServletRequest http) {
		return StreamedTurns.respond(this.chatService, (events) -> {
			EventListener listener = new EventListener(events, TraceIds.of(http));
			ChatTurn turn = this.chatService.stream(request, owner(http), listener);
			listener.turn = turn;
			return turn;
		});
	}

	@GetMapping(path = AgentApi.CONVERSATION_LIST_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ConversationList conversations(@RequestParam(name = AgentApi.CURSOR_PARAMETER, required = false) String cursor,
			@RequestParam(name = AgentApi.LIMIT_PARAMETER, required = false) String limit, HttpServletRequest http) {
		return this.conversations.conversations(owner(http), cursor, limit(limit));
	}

	@GetMapping(path = AgentApi.CONVERSATIONS_PATH + "{conversationId}", produces = MediaType.APPLICATION_JSON_VALUE)
	Conversation conversation(@PathVariable String conversationId,
			@RequestParam(name = AgentApi.BEFORE_PARAMETER, required = false) String before,
			@RequestParam(name = AgentApi.LIMIT_PARAMETER, required = false) String limit, HttpServletRequest http) {
		return this.conversations.conversation(conversationId, owner(http), before, limit(limit));
	}

	@PatchMapping(path = AgentApi.CONVERSATIONS_PATH + "{conversationId}", produces = MediaType.APPLICATION_JSON_VALUE)
	ConversationSummary renameConversation(@PathVariable String conversationId, @RequestBody ConversationRename rename,
			HttpServletRequest http) {
		return this.conversations.renameConversation(conversationId, owner(http), rename);
	}

	@PutMapping(AgentApi.CONVERSATIONS_PATH + "{conversationId}" + AgentApi.MESSAGES_SEGMENT + "{messageId}"
			+ AgentApi.FEEDBACK_SEGMENT)
	ResponseEntity<Void> rateMessage(@PathVariable String conversationId, @PathVariable String messageId,
			@RequestBody MessageFeedback feedback, HttpServletRequest http) {
		this.conversations.rateMessage(conversationId, messageId, owner(http), feedback);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping(AgentApi.CONVERSATIONS_PATH + "{conversationId}")
	ResponseEntity<Void> deleteConversation(@PathVariable String conversationId, HttpServletRequest http) {
		this.conversations.deleteConversation(conversationId, owner(http));
		return ResponseEntity.noContent().build();
	}

	/**
	 * The end user the request is made for, as the request filter established it;
	 * {@code ""} (the API client itself) when it did not.
	 */
	private static String owner(HttpServletRequest request) {
		return (request.getAttribute(AgentRequestFilter.END_USER_ATTRIBUTE) instanceof String owner) ? owner : "";
	}

	private static int limit(String limit) {
		if (limit == null) {
			return AgentApi.DEFAULT_PAGE_SIZE;
		}
		if (limit.length() > 3 || !limit.chars().allMatch(Character::isDigit) || limit.isEmpty()) {
			// out of range: ChatService explains the bounds
			return -1;
		}
		return Integer.parseInt(limit);
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
			send(new StreamEvent.Error(TraceIds.onto(problem, this.traceId)));
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
