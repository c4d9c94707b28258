package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain as a blocking {@link ChatModel}: retry transient errors on a model, then move
 * to the next model whose circuit accepts the call. The answer's
 * {@link ChatResponse#modelName() model name} is the chain name of the model that
 * answered.
 */
final class FailoverChatModel implements ChatModel {

	private static final Logger logger = LoggerFactory.getLogger(FailoverChatModel.class);

	private final ModelChain chain;

	FailoverChatModel(ModelChain chain) {
		this.chain = chain;
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		FailoverTurn turn = FailoverTurn.current();
		FailoverPolicy policy = this.chain.policy();
		Throwable lastFailure = null;
		ChainModel previous = null;
		for (ChainModel model : this.chain.models()) {
			if (turn != null && turn.isCancelled()) {
				throw new CancellationException("the turn was cancelled");
			}
			if (previous != null) {
				this.chain.metrics().recordFailover(previous, model);
				logger.warn("Model '{}' cannot answer ({}); failing over to '{}'", previous.name(),
						(previous.lastError() != null) ? previous.lastError() : "circuit open", model.name());
			}
			previous = model;
			if (!model.tryAcquirePermission()) {
				continue;
			}
			for (int attempt = 1;; attempt++) {
				long start = System.nanoTime();
				try {
					ChatResponse response = model.chat(request, this.chain.executor());
					if (ModelChain.isEmpty(response)) {
						throw new EmptyAnswerException();
					}
					model.onSuccess(System.nanoTime() - start);
					this.chain.answered(turn, model);
					return ModelChain.relabel(response, model);
				}
				catch (RuntimeException ex) {
					model.onError(System.nanoTime() - start, ex);
					lastFailure = ex;
					if (attempt >= policy.maxAttempts() || !Failures.isTransient(ex)) {
						break;
					}
					Duration backoff = policy.backoff(attempt);
					logger.debug("Model '{}' failed ({}); retrying in {} ms", model.name(), model.lastError(),
							backoff.toMillis());
					sleep(backoff);
					if (!model.tryAcquirePermission()) {
						break;
					}
					this.chain.metrics().recordRetry(model);
				}
			}
		}
		throw this.chain.unavailable(lastFailure);
	}

	private static void sleep(Duration backoff) {
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted while waiting to retry");
		}
	}

}
