package dev.project51.agent.client;

import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.Health;
import dev.project51.agent.contract.ModelStatus;

/**
 * This client acting for one end user: every request names the user; circuit breaker,
 * retries, threads and transport are the client's.
 *
 * @param client the client
 * @param endUser the end user named in every request
 */
record EndUserClient(DefaultAgentClient client, String endUser) implements AgentClient {

	@Override
	public ChatReply chat(ChatRequest request) {
		return this.client.chat(request, this.endUser);
	}

	@Override
	public StreamHandle stream(ChatRequest request, StreamListener listener) {
		return this.client.stream(request, listener, this.endUser);
	}

	@Override
	public ChatStream stream(ChatRequest request) {
		return this.client.stream(request, this.endUser);
	}

	@Override
	public Conversation conversation(String conversationId) {
		return this.client.conversation(conversationId, null, AgentApi.DEFAULT_PAGE_SIZE, this.endUser);
	}

	@Override
	public Conversation conversation(String conversationId, String before, int limit) {
		RequestChecks.pageSize(limit);
		return this.client.conversation(conversationId, before, limit, this.endUser);
	}

	@Override
	public ConversationList conversations(String cursor, int limit) {
		return this.client.conversations(cursor, limit, this.endUser);
	}

	@Override
	public ConversationSummary renameConversation(String conversationId, String title) {
		return this.client.renameConversation(conversationId, title, this.endUser);
	}

	@Override
	public void deleteConversation(String conversationId) {
		this.client.deleteConversation(conversationId, this.endUser);
	}

	@Override
	public void rateMessage(String conversationId, String messageId, String rating) {
		this.client.rateMessage(conversationId, messageId, rating, this.endUser);
	}

	@Override
	public AgentClient forEndUser(String endUser) {
		return this.client.forEndUser(endUser);
	}

	@Override
	public List<ModelStatus> models() {
		return this.client.models();
	}

	@Override
	public Health health() {
		return this.client.health();
	}

	@Override
	public CircuitState circuitState() {
		return this.client.circuitState();
	}

	/**
	 * Does nothing: the view shares the client's resources, which
	 * {@link DefaultAgentClient#close()} releases.
	 */
	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "AgentClient for an end user of " + this.client;
	}

}
