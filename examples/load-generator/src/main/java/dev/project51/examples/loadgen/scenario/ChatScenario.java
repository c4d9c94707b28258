package dev.project51.examples.loadgen.scenario;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * A blocking chat through the agent client.
 *
 * @param agent the client
 * @param message the message of every call
 */
record ChatScenario(AgentClient agent, String message) implements Scenario {

	@Override
	public String name() {
		return "chat";
	}

	@Override
	public String endpoint() {
		return "POST /api/v1/chat";
	}

	@Override
	public Outcome call() throws ScenarioException {
		try {
			this.agent.chat(ChatRequest.of(this.message));
			return Outcome.complete();
		}
		catch (AgentClientException ex) {
			throw Scenarios.failure(ex);
		}
	}

}
