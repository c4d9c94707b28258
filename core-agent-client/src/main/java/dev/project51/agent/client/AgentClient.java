package dev.project51.agent.client;

import java.util.List;

import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.Health;
import dev.project51.agent.contract.ModelStatus;

/**
 * A resilient client of a Project51 agent (wire contract v1, see
 * {@link dev.project51.agent.contract.AgentApi#OPENAPI_RESOURCE}): timeouts, retries
 * where safe, a client-side circuit breaker and typed exceptions.
 * <p>
 * Thread-safe: create one per application and share it; {@link #close()} it on shutdown.
 * Every method throws an {@link AgentClientException} subclass on failure, and
 * {@link IllegalStateException} once the client is closed.
 *
 * <pre class="code">
 * try (AgentClient agent = AgentClient.builder()
 *         .baseUrl("http://localhost:8081")
 *         .apiToken(System.getenv("AGENT_API_TOKEN"))
 *         .build()) {
 *     ChatReply reply = agent.chat(ChatRequest.of("How do I roll back a release?"));
 *     System.out.println(reply.reply());
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface AgentClient extends AutoCloseable {

	/**
	 * A builder of a client; same as {@code new AgentClientBuilder()}.
	 * @return a new builder
	 */
	static AgentClientBuilder builder() {
		return new AgentClientBuilder();
	}

	/**
	 * Sends a message and waits for the whole answer ({@code POST /api/v1/chat}). Retried
	 * only when the request provably never reached the agent, or the agent declined it
	 * with 429/503 and {@code Retry-After}.
	 * @param request the message
	 * @return the answer
	 * @throws AgentInvalidRequestException if the request is invalid (checked before
	 * sending: message not blank, conversation id format) or the agent rejected it
	 * @throws AgentClientException on any other failure
	 */
	ChatReply chat(ChatRequest request);

	/**
	 * Sends a message and receives the answer token by token
	 * ({@code POST /api/v1/chat/stream}), pushed to the listener on a client thread.
	 * Returns at once. Timeouts: {@code firstTokenTimeout} until the first event,
	 * {@code idleTimeout} between events, {@code streamTimeout} overall.
	 * @param request the message
	 * @param listener receives the events, in order, never concurrently
	 * @return a handle to cancel the stream or await its end
	 * @throws AgentInvalidRequestException if the request is invalid (checked before
	 * sending); every later failure goes to {@link StreamListener#onError}
	 */
	StreamHandle stream(ChatRequest request, StreamListener listener);

	/**
	 * Sends a message and receives the answer as an iterable of events ({@code Meta},
	 * {@code Token}*, {@code Done}), pulled by the caller: the iterating thread sends the
	 * request and reads the events. Close it to cancel. <pre class="code">
	 * try (ChatStream stream = agent.stream(ChatRequest.of("Hello"))) {
	 *     for (StreamEvent event : stream) {
	 *         if (event instanceof StreamEvent.Token token) {
	 *             System.out.print(token.text());
	 *         }
	 *     }
	 * }
	 * </pre>
	 * @param request the message
	 * @return the stream; its iterator throws {@link AgentClientException} on failure
	 * @throws AgentInvalidRequestException if the request is invalid (checked before
	 * sending)
	 */
	ChatStream stream(ChatRequest request);

	/**
	 * The latest page of a conversation's visible history ({@code GET
	 * /api/v1/conversations/{id}}), at most {@link AgentApi#DEFAULT_PAGE_SIZE} messages;
	 * {@link Conversation#earlier()} leads to the page before it.
	 * @param conversationId the conversation id
	 * @return the conversation's latest page
	 * @throws AgentNotFoundException if the conversation does not exist or belongs to
	 * another end user
	 * @throws AgentInvalidRequestException if the id is malformed (checked before
	 * sending)
	 */
	Conversation conversation(String conversationId);

	/**
	 * A page of a conversation's visible history ({@code GET
	 * /api/v1/conversations/{id}?before=&limit=}).
	 * @param conversationId the conversation id
	 * @param before the {@link Conversation#earlier()} cursor of the page after the one
	 * wanted, or {@code null} for the latest page
	 * @param limit the most messages, 1 to {@link AgentApi#MAX_PAGE_SIZE} (the agent may
	 * send fewer, to keep a page's size bounded)
	 * @return the page, oldest message first
	 * @throws AgentNotFoundException if the conversation does not exist or belongs to
	 * another end user
	 * @throws AgentInvalidRequestException if an argument is malformed (checked before
	 * sending)
	 * @since 0.1.0
	 */
	default Conversation conversation(String conversationId, String before, int limit) {
		throw new UnsupportedOperationException("This AgentClient does not read pages of a conversation");
	}

	/**
	 * A page of the caller's conversations, the most recently active first
	 * ({@code GET /api/v1/conversations?cursor=&limit=}).
	 * @param cursor the {@link ConversationList#next()} cursor of the page before, or
	 * {@code null} for the first page
	 * @param limit the most conversations, 1 to {@link AgentApi#MAX_PAGE_SIZE}
	 * @return the page
	 * @throws AgentInvalidRequestException if an argument is malformed (checked before
	 * sending)
	 * @since 0.1.0
	 */
	default ConversationList conversations(String cursor, int limit) {
		throw new UnsupportedOperationException("This AgentClient does not list conversations");
	}

	/**
	 * Renames a conversation ({@code PATCH /api/v1/conversations/{id}}).
	 * @param conversationId the conversation id
	 * @param title the new title, 1 to {@link AgentApi#MAX_TITLE_LENGTH} characters, not
	 * blank
	 * @return the renamed conversation
	 * @throws AgentNotFoundException if the conversation does not exist or belongs to
	 * another end user
	 * @throws AgentInvalidRequestException if an argument is invalid
	 * @since 0.1.0
	 */
	default ConversationSummary renameConversation(String conversationId, String title) {
		throw new UnsupportedOperationException("This AgentClient does not rename conversations");
	}

	/**
	 * Rates an answer of a conversation, or takes the rating back ({@code PUT
	 * /api/v1/conversations/{id}/messages/{messageId}/feedback}). Idempotent.
	 * @param conversationId the conversation id
	 * @param messageId the answer's id
	 * ({@link dev.project51.agent.contract.ConversationMessage#id()},
	 * {@link ChatReply#messageId()} or
	 * {@link dev.project51.agent.contract.StreamEvent.Done#messageId()})
	 * @param rating {@code up}, {@code down} or {@code none} (see
	 * {@link dev.project51.agent.contract.MessageFeedback})
	 * @throws AgentNotFoundException if the conversation does not exist or belongs to
	 * another end user, or has no such answer
	 * @throws AgentInvalidRequestException if an argument is malformed (checked before
	 * sending)
	 * @since 0.1.0
	 */
	default void rateMessage(String conversationId, String messageId, String rating) {
		throw new UnsupportedOperationException("This AgentClient does not rate messages");
	}

	/**
	 * This client acting for an end user: every chat and conversation request it sends
	 * names the user in {@link AgentApi#END_USER_HEADER}, so the agent keeps that user's
	 * conversations apart from everyone else's and rate limits the user's requests on
	 * their own. The agent honours the header only with its bearer token. The view shares
	 * this client's circuit breaker, threads and connections; closing it does nothing.
	 * @param endUser an opaque id of the end user, matching {@link AgentApi#END_USER}
	 * (never a secret such as a session cookie: the agent may log it)
	 * @return a client for that end user
	 * @throws IllegalArgumentException if the id is malformed
	 * @since 0.1.0
	 */
	default AgentClient forEndUser(String endUser) {
		throw new UnsupportedOperationException("This AgentClient cannot act for end users");
	}

	/**
	 * Forgets a conversation ({@code DELETE /api/v1/conversations/{id}}). Idempotent:
	 * deleting an unknown conversation (or another end user's, which stays) succeeds.
	 * @param conversationId the conversation id
	 * @throws AgentInvalidRequestException if the id is malformed (checked before
	 * sending)
	 */
	void deleteConversation(String conversationId);

	/**
	 * The agent's failover chain with the state of each model's circuit breaker
	 * ({@code GET /api/v1/models}).
	 * @return the models, in chain order
	 */
	List<ModelStatus> models();

	/**
	 * The agent's readiness ({@code GET /actuator/health/readiness}). A 503 answered with
	 * a health body yields that status (e.g. {@code DOWN}: reachable but not ready).
	 * Bypasses the circuit breaker; an {@code UP} answer while the circuit is open moves
	 * it to half-open, so that trial calls decide at once instead of after the wait.
	 * @return the health
	 * @throws AgentUnavailableException if the agent cannot be reached
	 */
	Health health();

	/**
	 * The state of this client's own circuit breaker.
	 * @return the state; always {@link CircuitState#CLOSED} when the breaker is disabled
	 */
	CircuitState circuitState();

	/**
	 * Closes the client: cancels running streams, aborts running calls, releases the
	 * client's threads. Idempotent; afterwards every call throws
	 * {@link IllegalStateException}.
	 */
	@Override
	void close();

}
