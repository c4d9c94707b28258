package dev.project51.agent.server.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.server.chat.AgentAssistant;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.knowledge.KnowledgeContentRetriever;
import dev.project51.agent.server.knowledge.internal.KnowledgeCitations;
import dev.project51.agent.server.knowledge.internal.KnowledgeContentInjector;

/**
 * Turns without a stored conversation, for the OpenAI-compatible endpoint: the history
 * comes with each request. A plain request runs through the agent's assistant (its tools,
 * knowledge and memory window) on an ephemeral memory; a request that offers the client's
 * own tools goes to the failover chain directly, after the agent's system prompt and with
 * the knowledge retrieved for its last user message. Runs, limits and timeouts are
 * {@link ChatService}'s.
 *
 * @since 0.1.0
 */
public class DirectTurns {

	private final ChatService turns;

	private final AgentAssistant assistant;

	private final ModelChain chain;

	private final AgentChatMemoryProvider memories;

	private final KnowledgeContentRetriever retriever;

	private final String systemPrompt;

	/**
	 * Creates the direct turns.
	 * @param turns the service that runs turns
	 * @param assistant the AI service
	 * @param chain the failover chain behind the assistant
	 * @param memories the chat memories of the assistant
	 * @param retriever the knowledge of requests with client tools, or {@code null} for
	 * none
	 * @param systemPrompt the agent's system prompt for requests with client tools
	 */
	public DirectTurns(ChatService turns, AgentAssistant assistant, ModelChain chain, AgentChatMemoryProvider memories,
			KnowledgeContentRetriever retriever, String systemPrompt) {
		this.turns = turns;
		this.assistant = assistant;
		this.chain = chain;
		this.memories = memories;
		this.retriever = retriever;
		this.systemPrompt = systemPrompt;
	}

	/**
	 * Answers a message without a stored conversation: the history comes with the request
	 * (the OpenAI-compatible endpoint), and the agent's tools, knowledge and memory
	 * window apply.
	 * @param history earlier user and assistant messages, oldest first
	 * @param message the new user message
	 * @param options the client's choices
	 * @return the answer; its conversation id is the ephemeral memory id
	 */
	public OnceReply chatOnce(List<ChatMessage> history, String message, OnceOptions options) {
		ChatRules.validateMessage(message, "messages", this.turns.settings().maxMessageLength());
		String memoryId = seedEphemeral(history, options.systemText());
		try {
			return this.turns.runBlocking(null, memoryId, options,
					(turn) -> ChatService.serviceAnswer(this.assistant.chat(memoryId, message)), null);
		}
		finally {
			this.memories.dropEphemeral(memoryId);
		}
	}

	/**
	 * Answers a request that offers the client's own tools, or continues a conversation
	 * with them: the messages go to the failover chain directly (never through the
	 * agent's tool loop, so the agent executes none of the client's tools), after the
	 * agent's system prompt and with the knowledge retrieved for the last user message.
	 * The model's tool calls come back in the outcome.
	 * @param messages the conversation as the client sent it (user, assistant with tool
	 * calls, tool results), without system messages
	 * @param options the client's choices, its tools in the parameters
	 * @return the answer
	 */
	public OnceReply completeOnce(List<ChatMessage> messages, OnceOptions options) {
		String memoryId = AgentChatMemoryProvider.EPHEMERAL_PREFIX + "openai-" + UUID.randomUUID();
		return this.turns.runBlocking(null, memoryId, options, (turn) -> {
			Prepared prepared = prepare(messages, options.systemText());
			ChatResponse response = this.chain.chatModel()
				.chat(dev.langchain4j.model.chat.request.ChatRequest.builder().messages(prepared.messages()).build());
			return new ChatService.Answer(response.aiMessage().text(), response, response.tokenUsage(),
					prepared.citations());
		}, null);
	}

	/**
	 * Streams the answer to a request with client tools (see {@link #completeOnce}).
	 * @param messages the conversation as the client sent it, without system messages
	 * @param options the client's choices
	 * @param listener the receiver of the events
	 * @return the running turn
	 */
	public ChatTurn streamCompleteOnce(List<ChatMessage> messages, OnceOptions options, ChatStreamListener listener) {
		this.turns.requireAvailable();
		String memoryId = AgentChatMemoryProvider.EPHEMERAL_PREFIX + "openai-" + UUID.randomUUID();
		return this.turns.runStreaming(null, memoryId, options, null, listener, null, (streamed) -> {
			Prepared prepared = prepare(messages, options.systemText());
			streamed.citations = prepared.citations();
			this.chain.streamingChatModel()
				.chat(dev.langchain4j.model.chat.request.ChatRequest.builder().messages(prepared.messages()).build(),
						streamed);
		});
	}

	/**
	 * Streams the answer to a message without a stored conversation (the
	 * OpenAI-compatible endpoint).
	 * @param history earlier user and assistant messages, oldest first
	 * @param message the new user message
	 * @param options the client's choices
	 * @param listener the receiver of the events
	 * @return the running turn
	 */
	public ChatTurn streamOnce(List<ChatMessage> history, String message, OnceOptions options,
			ChatStreamListener listener) {
		ChatRules.validateMessage(message, "messages", this.turns.settings().maxMessageLength());
		this.turns.requireAvailable();
		String memoryId = seedEphemeral(history, options.systemText());
		try {
			return this.turns.runStreaming(null, memoryId, options, null, listener,
					() -> this.memories.dropEphemeral(memoryId),
					(streamed) -> this.turns.streamService(streamed, memoryId, message));
		}
		catch (RuntimeException ex) {
			this.memories.dropEphemeral(memoryId);
			throw ex;
		}
	}

	/**
	 * The messages of a direct request: the agent's system prompt (with the client's
	 * instructions), then the client's messages with the passages retrieved for the last
	 * user message appended to it.
	 */
	private Prepared prepare(List<ChatMessage> messages, String systemText) {
		List<ChatMessage> prepared = new ArrayList<>();
		String system = (systemText != null && !systemText.isEmpty())
				? AgentChatMemoryProvider.withClientInstructions(this.systemPrompt, systemText) : this.systemPrompt;
		if (system != null && !system.isBlank()) {
			prepared.add(SystemMessage.from(system));
		}
		int lastUser = -1;
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i) instanceof UserMessage) {
				lastUser = i;
			}
		}
		List<Content> contents = List.of();
		if (lastUser >= 0 && this.retriever != null && messages.get(lastUser) instanceof UserMessage user
				&& user.hasSingleText() && !AgentApi.isBlankMessage(user.singleText())) {
			contents = this.retriever.retrieve(Query.from(user.singleText()));
		}
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage message = messages.get(i);
			prepared.add((i == lastUser) ? INJECTOR.inject(contents, message) : message);
		}
		return new Prepared(prepared, KnowledgeCitations.of(contents));
	}

	private String seedEphemeral(List<ChatMessage> history, String systemText) {
		String memoryId = AgentChatMemoryProvider.EPHEMERAL_PREFIX + "openai-" + UUID.randomUUID();
		this.memories.seedEphemeral(memoryId, new ArrayList<>(history), systemText);
		return memoryId;
	}

	private static final KnowledgeContentInjector INJECTOR = new KnowledgeContentInjector();

	private record Prepared(List<ChatMessage> messages, List<Citation> citations) {

	}

}
