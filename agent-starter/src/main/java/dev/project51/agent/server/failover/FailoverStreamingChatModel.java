package dev.project51.agent.server.failover;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * The chain as a {@link StreamingChatModel}: before the first text of the answer, a
 * failed or silent model is retried within its first-token budget or replaced by the next
 * model; after it, a failure or a silence longer than the idle timeout ends the stream
 * with a {@link ModelStreamException}, because the caller has already seen part of the
 * answer. The handle passed with each partial response cancels the whole call.
 */
final class FailoverStreamingChatModel implements StreamingChatModel {

	private final ModelChain chain;

	FailoverStreamingChatModel(ModelChain chain) {
		this.chain = chain;
	}

	@Override
	public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
		new Failover(this.chain, request, handler, FailoverTurn.current(), false).start();
	}

}
