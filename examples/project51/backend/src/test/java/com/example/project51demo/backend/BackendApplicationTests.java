package com.example.project51demo.backend;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentUnauthorizedException;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ModelStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The backend answers offline, from this project's knowledge and with this project's tool, and only to callers that
 * know the token. The tests pin the provider configuration to OpenAI without a key, so they never reach a real model,
 * whatever the environment of the build says: the chain is the local model alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "project51.agent.api-token=test-token", "AI_PROVIDER=openai", "OPENAI_API_KEY=" })
class BackendApplicationTests {

	@TempDir
	static Path data;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("project51.agent.memory.path", () -> data.resolve("agent-db").toString());
	}

	@LocalServerPort
	int port;

	AgentClient agent;

	@BeforeEach
	void connect() {
		this.agent = AgentClient.builder().baseUrl("http://localhost:" + this.port).apiToken("test-token").build();
	}

	@AfterEach
	void close() {
		this.agent.close();
	}

	@Test
	void answersFromThisProjectsKnowledgeWithACitation() {
		ChatReply reply = this.agent.chat(ChatRequest.of("Where does the chat frontend of this deployment run?"));
		assertThat(reply.model()).isEqualTo("local");
		assertThat(reply.citations()).extracting("source").contains("knowledge/this-deployment.md");
	}

	@Test
	void answersWhichVersionIsDeployedWithItsOwnTool() {
		ChatReply reply = this.agent.chat(ChatRequest.of("Which version of the backend is deployed?"));
		assertThat(reply.reply()).contains("project51-demo-backend").contains("1.0.0-SNAPSHOT");
	}

	@Test
	void providerWithoutKeyIsSkippedSoTheChainIsTheLocalModel() {
		assertThat(this.agent.models()).extracting(ModelStatus::provider).containsExactly("local");
	}

	@Test
	void refusesCallersWithoutTheToken() {
		try (AgentClient anonymous = AgentClient.builder().baseUrl("http://localhost:" + this.port).build()) {
			assertThatExceptionOfType(AgentUnauthorizedException.class)
				.isThrownBy(() -> anonymous.chat(ChatRequest.of("hello")));
		}
	}

}
