package dev.project51.agent.server.failover;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * The chain as a blocking {@link ChatModel}. The call streams like every call of the
 * chain (so a slow model that keeps sending is watched by the idle timeout, not cut off
 * by a deadline for the whole answer) and returns the collected answer; since nothing has
 * been shown yet, a model that fails in the middle of its answer is failed over too. The
 * answer's {@link ChatResponse#modelName() model name} is the chain name of the model
 * that answered. Interrupting the calling thread cancels the call.
 */
final class FailoverChatModel implements ChatModel {

	private final ModelChain chain;

	FailoverChatModel(ModelChain chain) {
		this.chain = chain;
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		CompletableFuture<ChatResponse> result = new CompletableFuture<>();
		Failover failover = new Failover(this.chain, request, new StreamingChatResponseHandler() {

			@Override
			public void onCompleteResponse(ChatResponse response) {
				result.complete(response);
			}

			@Override
			public void onError(Throwable error) {
				result.completeExceptionally(error);
			}

		}, FailoverTurn.current(), true);
		failover.start();
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			failover.cancel();
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted while waiting for the model chain");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

}
