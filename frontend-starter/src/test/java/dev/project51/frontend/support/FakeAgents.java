package dev.project51.frontend.support;

import java.util.List;

import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.Script;

/**
 * The fake agent as the frontend's tests use it: test-support's {@link FakeAgent} that
 * answers "Hello, world!" from {@code gpt-test}, checks every document against the
 * contract's schemas and requires the end user header a frontend always sends.
 */
public final class FakeAgents {

	private FakeAgents() {
	}

	/**
	 * Start one on a random local port.
	 * @return the running agent
	 */
	public static FakeAgent start() {
		return FakeAgent.builder()
			.models(defaultModels())
			.stream(Script.answer("c-fake", "gpt-test", false, List.of(), "Hello", ", ", "world", "!"))
			.contractCheck(ContractSchemas::violations)
			.requireEndUser()
			.start();
	}

	/**
	 * The chain of a healthy agent: a remote model, then the local one.
	 * @return the models
	 */
	public static List<ModelStatus> defaultModels() {
		return List.of(new ModelStatus("gpt-test", "openai", CircuitState.CLOSED, null, 0, 0),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 0, 0));
	}

}
