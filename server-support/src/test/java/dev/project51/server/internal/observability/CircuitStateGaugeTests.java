package dev.project51.server.internal.observability;

import dev.project51.agent.contract.CircuitState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CircuitStateGauge}: the generated project's alert rules fire on 2.
 */
class CircuitStateGaugeTests {

	@Test
	void closedIsZeroHalfOpenOneAndOpenTwo() {
		assertThat(CircuitStateGauge.value(CircuitState.CLOSED)).isZero();
		assertThat(CircuitStateGauge.value(CircuitState.HALF_OPEN)).isOne();
		assertThat(CircuitStateGauge.value(CircuitState.OPEN)).isEqualTo(2);
		assertThat(CircuitStateGauge.VALUES).isEqualTo("0 closed, 1 half-open, 2 open");
	}

}
