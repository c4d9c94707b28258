package dev.project51.frontend.chat.internal;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.AgentUnavailableException;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Conversation;
import dev.project51.frontend.status.AgentStatusService;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/conversations/{id}}: the history of a conversation, fetched from the
 * agent, so that a reloaded page shows it again. The page keeps only the id.
 *
 * @since 0.1.0
 */
@RestController
public class ConversationController {

	/** Path of the history endpoint, without the id. */
	public static final String PATH = ChatPageController.API_PATH + "/conversations/";

	private final AgentClient client;

	private final AgentStatusService statusService;

	/**
	 * Create a controller.
	 * @param client the agent client
	 * @param statusService told when the agent turns out to be unavailable
	 */
	public ConversationController(AgentClient client, AgentStatusService statusService) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(statusService, "'statusService' must not be null");
		this.client = client;
		this.statusService = statusService;
	}

	/**
	 * The history of a conversation, as the agent's contract defines it.
	 * @param conversationId the conversation id
	 * @param request the request
	 * @return the conversation; a {@code 404} problem when the agent does not know it
	 */
	@GetMapping(PATH + "{conversationId}")
	public ResponseEntity<Conversation> conversation(@PathVariable String conversationId, HttpServletRequest request) {
		String instance = request.getRequestURI();
		if (!AgentApi.isValidConversationId(conversationId)) {
			throw new ProblemException(ChatExceptionHandler.invalid("conversationId",
					"The conversation id must be 1 to 64 letters, digits, '-' or '_'.", instance));
		}
		try {
			Conversation conversation = this.client.conversation(conversationId);
			return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(conversation);
		}
		catch (AgentClientException ex) {
			if (ex instanceof AgentUnavailableException) {
				this.statusService.invalidate();
			}
			throw new ProblemException(AgentProblems.from(ex, instance));
		}
	}

}
