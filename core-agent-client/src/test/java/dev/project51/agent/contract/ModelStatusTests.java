package dev.project51.agent.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelStatusTests {

	@Test
	void summarizesAModelInOneLineWithItsLastErrorWhenItHasOne() {
		assertThat(new ModelStatus("gpt-4o-mini", "openai", CircuitState.OPEN, "timeout", 12, 5).summary())
			.isEqualTo("gpt-4o-mini (openai): circuit OPEN, 12 calls, 5 failures, last error: timeout");
		assertThat(new ModelStatus("local", "local", CircuitState.CLOSED, null, 3, 0).summary())
			.isEqualTo("local (local): circuit CLOSED, 3 calls, 0 failures");
	}

	@Test
	void servesOnlyWithAClosedCircuitAndNoFailingCall() {
		assertThat(new ModelStatus("m", "openai", CircuitState.CLOSED, null, 1, 0).isServing()).isTrue();
		assertThat(new ModelStatus("m", "openai", CircuitState.CLOSED, "slow", 1, 1, true).isServing()).isFalse();
		assertThat(new ModelStatus("m", "openai", CircuitState.HALF_OPEN, null, 1, 1).isServing()).isFalse();
	}

}
