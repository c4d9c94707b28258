package dev.project51.examples.cli;

import java.util.Map;

import dev.project51.agent.client.AgentClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AgentEnvironmentTests {

	@Test
	void theTokenIsReadWithoutSurroundingWhiteSpaceAsTheServersReadTheirs() {
		assertThat(AgentEnvironment.apiToken(Map.of(AgentEnvironment.TOKEN_VARIABLE, " s3cret-token\n")))
			.isEqualTo("s3cret-token");
		assertThat(AgentEnvironment.apiToken(Map.of(AgentEnvironment.TOKEN_VARIABLE, "s3cret-token\u2003")))
			.isEqualTo("s3cret-token");
		assertThat(AgentEnvironment.apiToken(Map.of(AgentEnvironment.TOKEN_VARIABLE, " \n"))).isNull();
		assertThat(AgentEnvironment.apiToken(Map.of())).isNull();
	}

	@Test
	void aControlCharacterAtTheEndIsKeptForTheClientToRefuse() {
		String token = AgentEnvironment.apiToken(Map.of(AgentEnvironment.TOKEN_VARIABLE, "s3cret-token\u0000"));
		assertThat(token).isEqualTo("s3cret-token\u0000");
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().apiToken(token))
			.withMessageContaining("at index 12 (value not shown)");
	}

}
