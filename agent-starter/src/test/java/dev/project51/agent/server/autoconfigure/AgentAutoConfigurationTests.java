package dev.project51.agent.server.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.server.chat.AgentAssistant;
import dev.project51.agent.server.chat.internal.ChatController;
import dev.project51.agent.server.chat.internal.ChatService;
import dev.project51.agent.server.failover.ChainModel;
import dev.project51.agent.server.failover.FailoverPolicy;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.failover.internal.ModelChainHealthIndicator;
import dev.project51.agent.server.memory.ConversationLeases;
import dev.project51.agent.server.memory.ConversationTranscript;
import dev.project51.agent.server.memory.internal.InMemoryConversationTranscript;
import dev.project51.agent.server.memory.internal.InProcessConversationLeases;
import dev.project51.agent.server.memory.internal.JdbcConversationLeases;
import dev.project51.agent.server.memory.internal.JdbcChatMemoryStore;
import dev.project51.agent.server.memory.internal.JdbcConversationTranscript;
import dev.project51.agent.server.openai.internal.OpenAiCompatibleController;
import dev.project51.agent.server.security.internal.RequestIdFilter;
import dev.project51.agent.server.testsupport.SharedEmbeddingModel;
import dev.project51.server.internal.observability.TraceIdFilter;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.project51.agent.server.autoconfigure.StartupFailures.allMessages;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AgentAutoConfiguration}: property binding and validation, back-off when the
 * application defines a bean, and behaviour when libraries or a database are missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgentAutoConfigurationTests {

	private static final String[] BASE = { "project51.agent.knowledge.locations=classpath*:test-knowledge/*.md",
			"spring.datasource.url=jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AgentAutoConfiguration.class, DataSourceAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withUserConfiguration(SharedEmbeddingModel.class)
		.withPropertyValues(BASE);

	@Test
	void defaultsToAChainOfOnlyTheLocalModelWithJdbcMemory() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ChatService.class).hasSingleBean(AgentAssistant.class);
			ModelChain chain = context.getBean(ModelChain.class);
			assertThat(chain.models()).extracting(ChainModel::name).containsExactly("local");
			assertThat(context).getBean(ChatMemoryStore.class).isInstanceOf(JdbcChatMemoryStore.class);
			assertThat(context).getBean(ConversationTranscript.class).isInstanceOf(JdbcConversationTranscript.class);
			assertThat(context).getBean(ConversationLeases.class).isInstanceOf(JdbcConversationLeases.class);
			assertThat(context).hasSingleBean(ModelChainHealthIndicator.class);
			assertThat(context).doesNotHaveBean(ChatController.class);
		});
	}

	@Test
	void bindsTheChainInOrderAndSkipsModelsWithoutCredentials(CapturedOutput output) {
		this.runner.withPropertyValues("project51.agent.models[0].provider=openai",
				"project51.agent.models[0].model=gpt-4o-mini", "project51.agent.models[0].api-key=sk-very-secret-1",
				"project51.agent.models[1].provider=anthropic",
				"project51.agent.models[1].model=claude-3-5-haiku-latest", "project51.agent.models[2].provider=gemini",
				"project51.agent.models[2].name=gemini", "project51.agent.models[2].model=gemini-2.0-flash",
				"project51.agent.models[2].api-key=very-secret-gemini-key",
				"project51.agent.models[3].provider=openai-compatible", "project51.agent.models[3].name=ollama",
				"project51.agent.models[3].model=llama3.2",
				"project51.agent.models[3].base-url=http://127.0.0.1:11434/v1",
				"project51.agent.models[4].provider=anthropic", "project51.agent.models[4].name=claude",
				"project51.agent.models[4].model=claude-3-5-haiku-latest",
				"project51.agent.models[4].api-key=very-secret-anthropic-key", "project51.agent.local.name=offline",
				"project51.agent.failover.max-attempts=3",
				"project51.agent.failover.circuit-breaker.wait-duration-in-open-state=45s")
			.run((context) -> {
				ModelChain chain = context.getBean(ModelChain.class);
				assertThat(chain.models()).extracting(ChainModel::name)
					.containsExactly("gpt-4o-mini", "gemini", "ollama", "claude", "offline");
				assertThat(chain.models()).extracting(ChainModel::provider)
					.containsExactly("openai", "gemini", "openai-compatible", "anthropic", "local");
				assertThat(chain.policy().maxAttempts()).isEqualTo(3);
				assertThat(chain.policy().waitDurationInOpenState()).hasSeconds(45);
			});
		assertThat(output.getAll().lines().filter((line) -> line.contains("is skipped"))).singleElement()
			.asString()
			.contains("claude-3-5-haiku-latest")
			.contains("project51.agent.models[1].api-key");
		assertThat(output.getAll()).doesNotContain("sk-very-secret-1")
			.doesNotContain("very-secret-gemini-key")
			.doesNotContain("very-secret-anthropic-key");
	}

	@Test
	void leavesTheApplicationsTransactionTemplateToSpringBoot() {
		// The agent's own transactions are no TransactionOperations bean: Spring Boot's
		// TransactionTemplate, which backs off from any such bean, stays the only one.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AgentAutoConfiguration.class, DataSourceAutoConfiguration.class,
					JacksonAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withUserConfiguration(SharedEmbeddingModel.class)
			.withPropertyValues(BASE)
			.run((context) -> {
				assertThat(context).hasSingleBean(TransactionOperations.class);
				assertThat(context).hasSingleBean(TransactionTemplate.class).hasBean("transactionTemplate");
				assertThat(context).hasSingleBean(ChatService.class);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnBeans() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).getBean(ConversationTranscript.class).isSameAs(UserBeans.TRANSCRIPT);
			assertThat(context).getBean(ChatMemoryStore.class).isSameAs(UserBeans.STORE);
			assertThat(context).hasSingleBean(ChatService.class);
			assertThat(context).getBean(ConversationLeases.class)
				.as("no leases in the agent's table for conversations kept elsewhere")
				.isInstanceOf(InProcessConversationLeases.class);
		});
	}

	@Test
	void keepsConversationsInMemoryWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AgentAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(SharedEmbeddingModel.class)
			.withPropertyValues(BASE[0])
			.run((context) -> {
				assertThat(context).getBean(ChatMemoryStore.class).isInstanceOf(InMemoryChatMemoryStore.class);
				assertThat(context).getBean(ConversationTranscript.class)
					.isInstanceOf(InMemoryConversationTranscript.class);
				assertThat(context).getBean(ConversationLeases.class).isInstanceOf(InProcessConversationLeases.class);
			});
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("project51.agent.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatService.class).doesNotHaveBean(ModelChain.class));
	}

	@Test
	void backsOffWithoutLangChain4j() {
		this.runner.withClassLoader(new FilteredClassLoader(AiServices.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatService.class).doesNotHaveBean(ModelChain.class));
	}

	@Test
	void leavesHealthOutWithoutActuatorHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(ChatService.class)
				.doesNotHaveBean(ModelChainHealthIndicator.class));
	}

	@Test
	void servesTheApisInServletWebApplications() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AgentAutoConfiguration.class, DataSourceAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.withUserConfiguration(SharedEmbeddingModel.class)
			.withPropertyValues(BASE)
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatController.class)
					.hasSingleBean(OpenAiCompatibleController.class)
					.hasBean("agentRequestFilter")
					.hasBean("agentRequestIdFilter")
					.hasBean("agentTraceIdFilter")
					.hasBean("agentApiObservationFilter")
					.hasBean("agentActuatorAccessFilter")
					.hasBean("agentHostCheckFilter")
					.hasBean("agentMethodQueryFilter");
				assertThat(context.getBeansOfType(FilterRegistrationBean.class)).hasSize(7);
			});
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AgentAutoConfiguration.class, DataSourceAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.withUserConfiguration(SharedEmbeddingModel.class)
			.withPropertyValues(BASE)
			.withPropertyValues("project51.agent.openai.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ChatController.class)
				.doesNotHaveBean(OpenAiCompatibleController.class));
	}

	@Test
	void anApplicationsOwnFilterOfAFilterTypeReplacesTheAgents() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AgentAutoConfiguration.class, DataSourceAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.withUserConfiguration(SharedEmbeddingModel.class, UserFilters.class)
			.withPropertyValues(BASE)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("agentRequestIdFilter")
					.doesNotHaveBean("agentTraceIdFilter")
					.hasBean("myRequestIds")
					.hasBean("myTraceIds")
					.hasBean("agentRequestFilter")
					.hasBean("agentHostCheckFilter");
				assertThat(context.getBeansOfType(RequestIdFilter.class)).containsOnlyKeys("myRequestIds");
				assertThat(context.getBeansOfType(FilterRegistrationBean.class)).hasSize(6).containsKey("myTraceIds");
			});
	}

	@Test
	void failsFastWithActionableMessagesOnInvalidProperties() {
		this.runner
			.withPropertyValues("project51.agent.failover.max-attempts=0",
					"project51.agent.models[0].provider=openai-compatible", "project51.agent.models[0].model=llama3.2",
					"project51.agent.models[1].provider=openai", "project51.agent.models[1].model=llama3.2",
					"project51.agent.models[1].base-url=not a url", "project51.agent.knowledge.min-score=1.5",
					"project51.agent.chat.turn-lease=1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				String message = allMessages(context.getStartupFailure());
				assertThat(message).contains("project51.agent.failover.max-attempts must be >= 1, but was 0.")
					.contains("project51.agent.models[0].base-url must be set for provider openai-compatible, e.g.")
					.contains(
							"project51.agent.models[1].name must be unique in the chain, but 'llama3.2' is used twice.")
					.contains(
							"project51.agent.models[1].base-url must be an absolute http(s) URL, but was 'not a url'.")
					.contains("project51.agent.knowledge.min-score must be between 0 and 1, but was 1.5.")
					.contains(
							"project51.agent.chat.turn-lease must be at least 3s, but was 1s. Use a value such as 30s.");
			});
	}

	@Test
	void refusesAnAllowedHostWithAPortNamingItsIndex() {
		this.runner.withPropertyValues("project51.agent.allowed-hosts=agent.example.com:8443,*.example.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(allMessages(context.getStartupFailure())).contains(
						"project51.agent.allowed-hosts[0] must be a host name, but was 'agent.example.com:8443': give the"
								+ " name only, without port (every port of an allowed name is allowed)")
					.doesNotContain("allowed-hosts[1]");
			});
	}

	@Test
	void refusesAModelBaseUrlWithCredentialsWithoutPrintingThem() {
		this.runner
			.withPropertyValues("project51.agent.models[0].provider=openai-compatible",
					"project51.agent.models[0].model=llama3.2",
					"project51.agent.models[0].base-url=http://ops:s3cret@localhost:11434/v1",
					"project51.agent.models[1].provider=openai-compatible", "project51.agent.models[1].model=qwen",
					"project51.agent.models[1].base-url=ftp://ops:s3cret@localhost/v1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(allMessages(context.getStartupFailure()))
					.contains("project51.agent.models[0].base-url must not contain user info (credentials) (value not"
							+ " shown); put the provider's key in project51.agent.models[0].api-key.")
					.contains("project51.agent.models[1].base-url must not contain user info")
					.doesNotContain("s3cret");
			});
	}

	@Test
	void refusesATokenNoClientCanSendNamingThePropertyButNotTheToken() {
		this.runner.withPropertyValues("project51.agent.api-token=top secret").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(allMessages(context.getStartupFailure()))
				.contains("project51.agent.api-token must consist of visible ASCII characters, but has a whitespace,"
						+ " control or non-ASCII character at index 3 (value not shown)")
				.doesNotContain("top secret");
		});
	}

	@Test
	void refusesTimeoutsThatBreakTheBudgetNamingBothProperties() {
		this.runner
			.withPropertyValues("project51.agent.models[0].provider=openai", "project51.agent.models[0].model=gpt",
					"project51.agent.models[1].provider=anthropic", "project51.agent.models[1].model=claude",
					"project51.agent.failover.first-token-timeout=20s", "project51.agent.chat.timeout=40s",
					"project51.agent.failover.circuit-breaker.slow-call-duration-threshold=30s",
					"project51.agent.chat.stream-heartbeat=10s")
			.run((context) -> {
				assertThat(context).hasFailed();
				String message = allMessages(context.getStartupFailure());
				assertThat(message)
					.contains("project51.agent.chat.timeout must be longer than the failover path, 2 remote models x"
							+ " project51.agent.failover.first-token-timeout (20s) + 5s for the local model = 45s,"
							+ " but was 40s. Raise project51.agent.chat.timeout or lower"
							+ " project51.agent.failover.first-token-timeout.")
					.contains("project51.agent.failover.circuit-breaker.slow-call-duration-threshold must be at most"
							+ " project51.agent.failover.first-token-timeout (20s), but was 30s")
					.contains("project51.agent.chat.stream-heartbeat must be at most 5s (clients treat a stream silent"
							+ " for longer as dead), but was 10s.");
			});
	}

	@Test
	void theDefaultsFormACoherentBudgetAndAreThePolicyDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			AgentProperties properties = context.getBean(AgentProperties.class);
			FailoverProperties failover = properties.getFailover();
			FailoverPolicy policy = FailoverPolicy.ofDefaults();
			assertThat(failover.getMaxAttempts()).isEqualTo(policy.maxAttempts());
			assertThat(failover.getInitialBackoff()).isEqualTo(policy.initialBackoff());
			assertThat(failover.getBackoffMultiplier()).isEqualTo(policy.backoffMultiplier());
			assertThat(failover.getMaxBackoff()).isEqualTo(policy.maxBackoff());
			assertThat(failover.getJitter()).isEqualTo(policy.jitter());
			assertThat(failover.getFirstTokenTimeout()).isEqualTo(policy.firstTokenTimeout());
			assertThat(failover.getIdleTimeout()).isEqualTo(policy.idleTimeout());
			assertThat(failover.getMaxRetryAfter()).isEqualTo(policy.maxRetryAfter());
			CircuitBreakerProperties breaker = failover.getCircuitBreaker();
			assertThat(breaker.getSlidingWindowSize()).isEqualTo(policy.slidingWindowSize());
			assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(policy.minimumNumberOfCalls());
			assertThat(breaker.getFailureRateThreshold()).isEqualTo(policy.failureRateThreshold());
			assertThat(breaker.getSlowCallDurationThreshold()).isEqualTo(policy.slowCallDurationThreshold());
			assertThat(breaker.getSlowCallRateThreshold()).isEqualTo(policy.slowCallRateThreshold());
			assertThat(breaker.getWaitDurationInOpenState()).isEqualTo(policy.waitDurationInOpenState());
			assertThat(properties.getChat().getTimeout()).as("below the agent client's 60 s request timeout")
				.isLessThan(dev.project51.agent.client.AgentClientBuilder.DEFAULT_REQUEST_TIMEOUT);
		});
	}

	@Test
	void generatesConfigurationMetadataWithDescriptionsAndDefaults() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.shared().readTree(in);
		}
		List<String> names = metadata.path("properties").valueStream().map((p) -> p.path("name").asString()).toList();
		assertThat(names).contains("project51.agent.api-token", "project51.agent.models",
				"project51.agent.failover.max-attempts", "project51.agent.limits.rate-limit.requests-per-minute",
				"project51.agent.memory.path", "project51.agent.knowledge.locations");
		assertThat(metadata.path("properties").valueStream()).allSatisfy(
				(property) -> assertThat(property.path("description").asString()).as(property.toString()).isNotBlank());
		assertThat(metadata.path("properties")
			.valueStream()
			.filter((p) -> p.path("name").asString().equals("project51.agent.failover.first-token-timeout"))
			.findFirst()
			.orElseThrow()
			.path("defaultValue")
			.asString()).as("the default is documented for IDEs").isEqualTo("6s");
		assertThat(metadata.path("properties")
			.valueStream()
			.filter((p) -> p.path("name").asString().equals("project51.agent.chat.stream-timeout"))
			.findFirst()
			.map((p) -> DurationStyle.detectAndParse(p.path("defaultValue").asString()))
			.orElseThrow()).as("the contract's default, which clients compare theirs with")
			.isEqualTo(AgentApi.DEFAULT_STREAM_TIMEOUT)
			.isEqualTo(new ChatProperties().getStreamTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilters {

		@Bean
		RequestIdFilter myRequestIds() {
			return new RequestIdFilter();
		}

		@Bean
		FilterRegistrationBean<TraceIdFilter> myTraceIds(ObjectProvider<Tracer> tracer) {
			return new FilterRegistrationBean<>(new TraceIdFilter(tracer, "X-Trace-Id"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final ConversationTranscript TRANSCRIPT = new InMemoryConversationTranscript();

		static final ChatMemoryStore STORE = new InMemoryChatMemoryStore();

		@Bean
		ConversationTranscript myTranscript() {
			return TRANSCRIPT;
		}

		@Bean
		ChatMemoryStore myStore() {
			return STORE;
		}

	}

}
