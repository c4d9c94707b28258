package dev.project51.agent.server.chat;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/**
 * The LangChain4j AI service of the agent: one turn of a conversation, blocking or
 * streamed. The user's text is passed as a template variable, so braces in it are never
 * interpreted as a template.
 *
 * @since 0.1.0
 */
public interface AgentAssistant {

	/**
	 * Answers a message.
	 * @param memoryId the conversation's memory id
	 * @param message the user's message
	 * @return the answer with its sources and final model response
	 */
	@UserMessage("{{message}}")
	Result<String> chat(@MemoryId String memoryId, @V("message") String message);

	/**
	 * Answers a message token by token.
	 * @param memoryId the conversation's memory id
	 * @param message the user's message
	 * @return the stream, started by {@link TokenStream#start()}
	 */
	@UserMessage("{{message}}")
	TokenStream stream(@MemoryId String memoryId, @V("message") String message);

}
