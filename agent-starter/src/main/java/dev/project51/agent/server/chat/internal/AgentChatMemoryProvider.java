package dev.project51.agent.server.chat.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;

/**
 * Chat memories of the agent: a message window per conversation, persisted in the given
 * store. Memory ids starting with {@value #EPHEMERAL_PREFIX} (never a valid conversation
 * id) live only in memory: the OpenAI-compatible endpoint uses them for its stateless
 * requests, which carry their whole history.
 *
 * @since 0.1.0
 */
public class AgentChatMemoryProvider implements ChatMemoryProvider {

	/** Prefix of ephemeral memory ids. */
	public static final String EPHEMERAL_PREFIX = "~";

	private final ChatMemoryStore store;

	private final InMemoryChatMemoryStore ephemeralStore = new InMemoryChatMemoryStore();

	private final Map<Object, String> ephemeralIds = new ConcurrentHashMap<>();

	private final int maxMessages;

	/**
	 * Creates a provider.
	 * @param store the persistent store
	 * @param maxMessages the window size of each memory
	 */
	public AgentChatMemoryProvider(ChatMemoryStore store, int maxMessages) {
		this.store = store;
		this.maxMessages = maxMessages;
	}

	@Override
	public ChatMemory get(Object memoryId) {
		boolean ephemeral = memoryId.toString().startsWith(EPHEMERAL_PREFIX);
		return MessageWindowChatMemory.builder()
			.id(memoryId)
			.maxMessages(this.maxMessages)
			.chatMemoryStore(ephemeral ? this.ephemeralStore : this.store)
			.build();
	}

	/**
	 * Seeds an ephemeral memory with a history.
	 * @param memoryId an id starting with {@value #EPHEMERAL_PREFIX}
	 * @param history the messages
	 */
	void seedEphemeral(String memoryId, List<ChatMessage> history) {
		seedEphemeral(memoryId, history, null);
	}

	/**
	 * Seeds an ephemeral memory with a history and the client's system instructions.
	 * @param memoryId an id starting with {@value #EPHEMERAL_PREFIX}
	 * @param history the messages
	 * @param systemText the client's system instructions, or {@code null}
	 */
	void seedEphemeral(String memoryId, List<ChatMessage> history, String systemText) {
		this.ephemeralIds.put(memoryId, (systemText != null) ? systemText : "");
		this.ephemeralStore.updateMessages(memoryId, history);
	}

	/**
	 * The system message of a memory: the agent's system prompt, followed by the client's
	 * instructions of an ephemeral memory that has some.
	 * @param memoryId the memory id
	 * @param systemPrompt the agent's system prompt
	 * @return the system message
	 */
	public String systemMessage(Object memoryId, String systemPrompt) {
		String client = this.ephemeralIds.get(memoryId);
		return (client == null || client.isEmpty()) ? systemPrompt : withClientInstructions(systemPrompt, client);
	}

	/**
	 * The agent's system prompt followed by a client's instructions.
	 * @param systemPrompt the agent's system prompt
	 * @param client the client's instructions
	 * @return the combined system message
	 */
	public static String withClientInstructions(String systemPrompt, String client) {
		return systemPrompt + "\n\nInstructions from the client application:\n\n" + client;
	}

	/**
	 * Forgets an ephemeral memory.
	 * @param memoryId the id
	 */
	void dropEphemeral(String memoryId) {
		this.ephemeralIds.remove(memoryId);
		this.ephemeralStore.deleteMessages(memoryId);
	}

	/**
	 * Forgets a persistent memory.
	 * @param memoryId the id
	 */
	void delete(String memoryId) {
		this.store.deleteMessages(memoryId);
	}

}
