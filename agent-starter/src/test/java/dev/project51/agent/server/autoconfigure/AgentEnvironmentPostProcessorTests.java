package dev.project51.agent.server.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class AgentEnvironmentPostProcessorTests {

	private final AgentEnvironmentPostProcessor postProcessor = new AgentEnvironmentPostProcessor();

	@Test
	void addsServerDatabaseAndProbeDefaults() {
		StandardEnvironment environment = new StandardEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("server.port")).isEqualTo("8081");
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:h2:file:./.project51/agent-db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,agentModels");
		assertThat(environment.getProperty("logging.level.ai.djl.util.cuda.CudaUtils")).isEqualTo("ERROR");
	}

	@Test
	void addsNothingWhenTheAgentIsSwitchedOff() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("app", Map.of("project51.agent.enabled", "false")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("server.port")).isNull();
	}

	@Test
	void yieldsToTheApplicationsConfigurationAndDefaultProperties() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("app",
					Map.of("project51.agent.memory.path", "/data/agent", "PORT", "10000")));
		environment.getPropertySources()
			.addLast(
					new DefaultPropertiesPropertySource(Map.of("spring.datasource.url", "jdbc:postgresql://db/agent")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("server.port")).isEqualTo("10000");
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/agent");
		environment.getPropertySources().remove(DefaultPropertiesPropertySource.NAME);
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:/data/agent;");
	}

}
