package dev.project51.examples.loadgen.scenario;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.StreamHandle;
import dev.project51.agent.client.StreamListener;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * A streamed chat through the agent client, with a listener (no hand-off per event).
 *
 * @param agent the client
 * @param message the message of every call
 */
record StreamScenario(AgentClient agent, String message) implements Scenario {

	@Override
	public String name() {
		return "stream";
	}

	@Override
	public String endpoint() {
		return "POST /api/v1/chat/stream";
	}

	@Override
	public Outcome call() throws ScenarioException, InterruptedException {
		long start = System.nanoTime();
		AtomicLong firstToken = new AtomicLong(-1);
		StreamHandle handle;
		try {
			handle = this.agent.stream(ChatRequest.of(this.message), new StreamListener() {

				@Override
				public void onToken(String text) {
					firstToken.compareAndSet(-1, System.nanoTime() - start);
				}

			});
		}
		catch (AgentClientException ex) {
			throw Scenarios.failure(ex);
		}
		try {
			handle.completion().get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof AgentClientException failure) {
				throw Scenarios.failure(failure);
			}
			throw new ScenarioException(ex.getCause().getClass().getSimpleName(), ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (CancellationException ex) {
			throw new ScenarioException("cancelled", "the stream was cancelled", ex);
		}
		catch (InterruptedException ex) {
			handle.cancel();
			throw ex;
		}
		if (firstToken.get() < 0) {
			throw new ScenarioException("no token", "the stream ended without a token", null);
		}
		return Outcome.firstTokenAfter(firstToken.get());
	}

}
