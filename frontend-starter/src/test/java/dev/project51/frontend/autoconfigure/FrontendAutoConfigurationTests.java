package dev.project51.frontend.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.AgentUnavailableException;
import dev.project51.agent.client.transport.ApacheHttpTransport;
import dev.project51.agent.client.transport.HttpTransport;
import dev.project51.agent.client.transport.JdkHttpTransport;
import dev.project51.agent.contract.AgentApi;
import dev.project51.frontend.chat.internal.ChatExceptionHandler;
import dev.project51.frontend.chat.internal.ChatPageController;
import dev.project51.frontend.chat.internal.ChatSettings;
import dev.project51.frontend.chat.internal.ChatStreamController;
import dev.project51.frontend.chat.internal.ConversationController;
import dev.project51.frontend.security.internal.SameOriginFilter;
import dev.project51.frontend.security.internal.SecurityHeaders;
import dev.project51.frontend.security.internal.SecurityHeadersFilter;
import dev.project51.frontend.status.AgentStatusService;
import dev.project51.frontend.status.internal.AgentHealthIndicator;
import dev.project51.frontend.status.internal.StatusController;
import dev.project51.frontend.support.FakeAgents;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.net.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.freemarker.autoconfigure.FreeMarkerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FrontendAutoConfiguration}.
 */
class FrontendAutoConfigurationTests {

	private static final FakeAgent agent = FakeAgents.start();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FrontendAutoConfiguration.class, WebMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, FreeMarkerAutoConfiguration.class))
		.withPropertyValues("project51.frontend.agent.base-url=" + agent.baseUrl());

	@AfterAll
	static void stopAgent() {
		agent.close();
	}

	@BeforeEach
	void resetAgent() {
		agent.reset();
	}

	@Test
	void createsThePageTheEndpointsTheClientAndTheHealthIndicator() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(AgentClient.class);
			assertThat(context).hasSingleBean(AgentStatusService.class);
			assertThat(context).hasSingleBean(ChatSettings.class);
			assertThat(context).hasSingleBean(ChatPageController.class);
			assertThat(context).hasSingleBean(ChatStreamController.class);
			assertThat(context).hasSingleBean(ConversationController.class);
			assertThat(context).hasSingleBean(StatusController.class);
			assertThat(context).hasSingleBean(ChatExceptionHandler.class);
			assertThat(context).hasBean("agentHealthIndicator");
			assertThat(context.getBean("agentHealthIndicator")).isInstanceOf(AgentHealthIndicator.class);
			assertThat(context).hasBean("project51SecurityHeadersFilter");
			assertThat(context).hasBean("project51SameOriginFilter");
			assertThat(context).hasBean("project51FrontendAssets");
		});
	}

	@Test
	void bindsThePageSettings() {
		this.contextRunner
			.withPropertyValues("project51.frontend.title=Support desk", "project51.frontend.assistant-name=Ada",
					"project51.frontend.welcome=Hello.\n\nAsk away.",
					"project51.frontend.suggestions=How do I roll back?,What is degraded mode?",
					"project51.frontend.max-message-length=1000", "project51.frontend.stream-timeout=2m",
					"project51.frontend.stream-heartbeat=5s", "project51.frontend.status.poll-interval=30s",
					"project51.frontend.status.retry-initial=500ms", "project51.frontend.status.retry-max=1m")
			.run((context) -> {
				ChatSettings settings = context.getBean(ChatSettings.class);
				assertThat(settings.title()).isEqualTo("Support desk");
				assertThat(settings.assistantName()).isEqualTo("Ada");
				assertThat(settings.welcomeParagraphs()).containsExactly("Hello.", "Ask away.");
				assertThat(settings.suggestions()).containsExactly("How do I roll back?", "What is degraded mode?");
				assertThat(settings.maxMessageLength()).isEqualTo(1000);
				assertThat(settings.streamTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(settings.streamHeartbeat()).isEqualTo(Duration.ofSeconds(5));
				assertThat(settings.statusPollInterval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(settings.statusRetryInitial()).isEqualTo(Duration.ofMillis(500));
				assertThat(settings.statusRetryMax()).isEqualTo(Duration.ofMinutes(1));
			});
	}

	@Test
	void defaultsMatchTheAgentContract() {
		this.contextRunner.run((context) -> {
			FrontendProperties properties = context.getBean(FrontendProperties.class);
			assertThat(properties.getMaxMessageLength()).isEqualTo(AgentApi.DEFAULT_MAX_MESSAGE_LENGTH);
			assertThat(properties.getSecurity().getContentSecurityPolicy())
				.isEqualTo(SecurityHeaders.DEFAULT_CONTENT_SECURITY_POLICY);
			assertThat(properties.getAgent().getApiToken()).isNull();
		});
	}

	@Test
	void defaultsFormTheFrontendsPartOfTheTimeoutBudget() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			FrontendProperties properties = context.getBean(FrontendProperties.class);
			assertThat(properties.getStreamHeartbeat()).isEqualTo(Duration.ofSeconds(1))
				.isLessThanOrEqualTo(AgentApi.MAX_KEEP_ALIVE_INTERVAL);
			assertThat(properties.getStreamTimeout()).isEqualTo(Duration.ofMinutes(6));
			assertThat(properties.getAgent().getFirstTokenTimeout()).isEqualTo(Duration.ofSeconds(30))
				.isGreaterThanOrEqualTo(AgentApi.MAX_KEEP_ALIVE_INTERVAL.multipliedBy(2));
			assertThat(properties.getAgent().getIdleTimeout()).isEqualTo(Duration.ofSeconds(20))
				.isGreaterThanOrEqualTo(AgentApi.MAX_KEEP_ALIVE_INTERVAL.multipliedBy(2));
			ChatSettings settings = context.getBean(ChatSettings.class);
			assertThat(settings.streamTimeout()).isEqualTo(properties.getStreamTimeout());
			assertThat(settings.streamHeartbeat()).isEqualTo(properties.getStreamHeartbeat());
		});
	}

	@Test
	void metadataDescribesTheTimeoutBudget() throws IOException {
		JsonNode properties;
		try (java.io.InputStream metadata = getClass()
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("generated configuration metadata").isNotNull();
			properties = JsonMapper.builder().build().readTree(metadata).get("properties");
		}
		Map<String, JsonNode> byName = new java.util.HashMap<>();
		properties.forEach((property) -> byName.put(property.get("name").asString(), property));
		assertThat(byName.get("project51.frontend.stream-heartbeat").get("defaultValue").asString()).isEqualTo("1s");
		assertThat(byName.get("project51.frontend.stream-timeout").get("defaultValue").asString()).isEqualTo("6m");
		for (String name : List.of("project51.frontend.agent.first-token-timeout",
				"project51.frontend.agent.idle-timeout")) {
			assertThat(byName.get(name).get("description").asString()).as(name)
				.contains("silence")
				.contains("keep-alive")
				.contains("At least 10s");
		}
	}

	@Test
	void refusesAStreamHeartbeatLongerThanTheAgentsKeepAliveBound() {
		this.contextRunner.withPropertyValues("project51.frontend.stream-heartbeat=10s")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.stream-heartbeat must be at most 5s")
				.contains("but was 10s"));
	}

	@Test
	void refusesSilenceTimeoutsThatCouldTakeALiveAgentForADeadOne() {
		this.contextRunner
			.withPropertyValues("project51.frontend.agent.first-token-timeout=5s",
					"project51.frontend.agent.idle-timeout=9500ms")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.agent.first-token-timeout must be at least 10s (twice the agent's longest"
						+ " keep-alive interval, 5s, so that a live agent is never taken for a dead one), but was 5s")
				.contains("project51.frontend.agent.idle-timeout must be at least 10s")
				.contains("but was 9500ms"));
		this.contextRunner
			.withPropertyValues("project51.frontend.agent.first-token-timeout=10s",
					"project51.frontend.agent.idle-timeout=10s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void refusesSilenceTimeoutsThatDoNotFitInTheStreamTimeout() {
		this.contextRunner
			.withPropertyValues("project51.frontend.stream-timeout=1m",
					"project51.frontend.agent.first-token-timeout=2m", "project51.frontend.agent.idle-timeout=1m")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.agent.first-token-timeout (2m) must be shorter than "
						+ "project51.frontend.stream-timeout (1m)")
				.contains("project51.frontend.agent.idle-timeout (1m) must be shorter than "
						+ "project51.frontend.stream-timeout (1m)"));
	}

	@Test
	void refusesAConnectTimeoutLongerThanTheRequestTimeout() {
		this.contextRunner
			.withPropertyValues("project51.frontend.agent.connect-timeout=40s",
					"project51.frontend.agent.request-timeout=30s")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.agent.connect-timeout (40s) must not be longer than "
						+ "project51.frontend.agent.request-timeout (30s)"));
	}

	@Test
	void clientCallsTheConfiguredAgentWithTheConfiguredToken() {
		agent.requireToken("s3cret-token");
		this.contextRunner.withPropertyValues("project51.frontend.agent.api-token=s3cret-token").run((context) -> {
			AgentClient client = context.getBean(AgentClient.class);
			assertThat(client.models()).extracting("name").containsExactly("gpt-test", "local");
			assertThat(agent.requests("GET", AgentApi.MODELS_PATH)).singleElement()
				.satisfies((request) -> assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret-token"));
		});
	}

	@Test
	void tokenFallsBackToTheAgentApiTokenEnvironmentVariable() {
		agent.requireToken("from-env");
		this.contextRunner.withPropertyValues("AGENT_API_TOKEN=from-env").run((context) -> {
			assertThat(context.getBean(AgentClient.class).models()).hasSize(2);
			assertThat(agent.requests("GET", AgentApi.MODELS_PATH).get(0).header("Authorization"))
				.isEqualTo("Bearer from-env");
		});
	}

	@Test
	void tokenLosesTheTrailingNewlineOfASecretFile() {
		agent.requireToken("from-file");
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("secret", Map.of("project51.frontend.agent.api-token", "from-file\n"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AgentClient.class).models()).hasSize(2);
				assertThat(agent.requests("GET", AgentApi.MODELS_PATH).get(0).header("Authorization"))
					.isEqualTo("Bearer from-file");
			});
	}

	@Test
	void emptyTokenPropertyMeansNoToken() {
		this.contextRunner.withPropertyValues("project51.frontend.agent.api-token=").run((context) -> {
			context.getBean(AgentClient.class).models();
			assertThat(agent.requests("GET", AgentApi.MODELS_PATH).get(0).header("Authorization")).isNull();
		});
	}

	@Test
	void retriesComeFromTheProperties() throws Exception {
		// An agent that answers every request with a bare 503: retriable, and a whole
		// answer, so the JDK's own retry of half-open connections does not count twice.
		try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			AtomicInteger requests = new AtomicInteger();
			Thread responder = new Thread(() -> {
				while (!busy.isClosed()) {
					try (Socket socket = busy.accept()) {
						BufferedReader in = new BufferedReader(
								new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
						for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
							// the request head
						}
						requests.incrementAndGet();
						socket.getOutputStream()
							.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
								.getBytes(StandardCharsets.US_ASCII));
					}
					catch (IOException ex) {
						// closed
					}
				}
			});
			responder.setDaemon(true);
			responder.start();
			this.contextRunner
				.withPropertyValues("project51.frontend.agent.base-url=http://127.0.0.1:" + busy.getLocalPort(),
						"project51.frontend.agent.retry.max-attempts=4",
						"project51.frontend.agent.retry.initial-backoff=10ms",
						"project51.frontend.agent.retry.max-backoff=20ms",
						"project51.frontend.agent.circuit-breaker.enabled=false")
				.run((context) -> {
					AgentClient client = context.getBean(AgentClient.class);
					assertThatExceptionOfType(AgentClientException.class).isThrownBy(client::models);
					assertThat(requests).hasValue(4);
				});
		}
	}

	@Test
	void theCircuitBreakerComesFromThePropertiesAndCanBeTurnedOff() {
		String nobody = "project51.frontend.agent.base-url=http://127.0.0.1:" + FreePorts.one();
		this.contextRunner
			.withPropertyValues(nobody, "project51.frontend.agent.retry.max-attempts=1",
					"project51.frontend.agent.circuit-breaker.sliding-window-size=2",
					"project51.frontend.agent.circuit-breaker.minimum-number-of-calls=2")
			.run((context) -> {
				AgentClient client = context.getBean(AgentClient.class);
				assertThat(unavailable(client).isCircuitOpen()).isFalse();
				assertThat(unavailable(client).isCircuitOpen()).isFalse();
				assertThat(unavailable(client).isCircuitOpen()).as("open after 2 of 2 calls failed").isTrue();
			});
		this.contextRunner
			.withPropertyValues(nobody, "project51.frontend.agent.retry.max-attempts=1",
					"project51.frontend.agent.circuit-breaker.enabled=false")
			.run((context) -> {
				AgentClient client = context.getBean(AgentClient.class);
				for (int i = 0; i < 12; i++) {
					assertThat(unavailable(client).isCircuitOpen()).isFalse();
				}
			});
	}

	@Test
	void refusesRetryAndCircuitBreakerSettingsTheClientCannotUse() {
		this.contextRunner
			.withPropertyValues("project51.frontend.agent.retry.max-attempts=0",
					"project51.frontend.agent.circuit-breaker.minimum-number-of-calls=20")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.agent.retry.max-attempts must be between 1 and 100 (1 disables retries),"
						+ " but was 0")
				.contains("project51.frontend.agent.circuit-breaker.minimum-number-of-calls (20) must not exceed "
						+ "project51.frontend.agent.circuit-breaker.sliding-window-size (10)"));
		this.contextRunner.withPropertyValues("project51.frontend.agent.retry.max-backoff=100ms")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.agent.retry.max-backoff (PT0.1S) must not be less than "
						+ "project51.frontend.agent.retry.initial-backoff (PT0.2S)"));
	}

	private static AgentUnavailableException unavailable(AgentClient client) {
		try {
			client.models();
		}
		catch (AgentUnavailableException ex) {
			return ex;
		}
		throw new AssertionError("the call did not fail as unavailable");
	}

	@Test
	void clientIsClosedWithTheContext() {
		AgentClient[] client = new AgentClient[1];
		this.contextRunner.run((context) -> client[0] = context.getBean(AgentClient.class));
		assertThatIllegalStateException().isThrownBy(() -> client[0].models());
	}

	@Test
	void theClientTalksToTheAgentThroughApacheHttpClient() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(HttpTransport.class).isInstanceOf(ApacheHttpTransport.class);
			assertThat(context.getBean(AgentClient.class).toString()).contains("transport=ApacheHttpTransport[");
			// A real call goes through it.
			assertThat(context.getBean(AgentClient.class).models()).isNotEmpty();
		});
	}

	@Test
	void withoutApacheHttpClientTheClientUsesTheJdkTransport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.apache.hc.client5")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(HttpTransport.class);
			assertThat(context.getBean(AgentClient.class).toString()).contains("transport=JdkHttpTransport[");
			assertThat(context.getBean(AgentClient.class).models()).isNotEmpty();
		});
	}

	@Test
	void aUserTransportBacksOffAndIsUsed() {
		this.contextRunner
			.withBean("myTransport", HttpTransport.class, () -> JdkHttpTransport.create(Duration.ofSeconds(1)))
			.run((context) -> {
				assertThat(context).getBean(HttpTransport.class).isSameAs(context.getBean("myTransport"));
				assertThat(context.getBean(AgentClient.class).toString()).contains("transport=JdkHttpTransport[");
			});
	}

	@Test
	void userAgentClientBacksOff() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AgentClient.class);
			assertThat(context).getBean(AgentClient.class).isSameAs(context.getBean("myAgentClient"));
			assertThat(context.getBean(AgentStatusService.class)).isNotNull();
		});
	}

	@Test
	void userBeansBackOff() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AgentStatusService.class);
			assertThat(context).getBean(AgentStatusService.class).isSameAs(context.getBean("myStatusService"));
			assertThat(context).hasSingleBean(ChatSettings.class);
			assertThat(context.getBean(ChatSettings.class).title()).isEqualTo("Mine");
			assertThat(context).getBean("agentHealthIndicator").isSameAs(context.getBean("agentHealthIndicator"));
			assertThat(context.getBean("agentHealthIndicator")).isNotInstanceOf(AgentHealthIndicator.class);
		});
	}

	@Test
	void userFiltersBackOff() {
		this.contextRunner.withUserConfiguration(UserFiltersConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("project51SecurityHeadersFilter");
			assertThat(context).doesNotHaveBean("project51SameOriginFilter");
			assertThat(context).hasBean("myHeaders");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("project51.frontend.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(FrontendProperties.class);
			assertThat(context).doesNotHaveBean(AgentClient.class);
			assertThat(context).doesNotHaveBean(ChatPageController.class);
		});
	}

	@Test
	void securityHeadersCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("project51.frontend.security.headers-enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("project51SecurityHeadersFilter");
			assertThat(context).hasBean("project51SameOriginFilter");
		});
	}

	@Test
	void givesBrowsersSessionsAndLimitsThemUnlessTurnedOff() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("project51BrowserSessionFilter");
			assertThat(context).hasBean("project51RateLimitFilter");
		});
		this.contextRunner.withPropertyValues("project51.frontend.rate-limit.enabled=false").run((context) -> {
			assertThat(context).hasBean("project51BrowserSessionFilter");
			assertThat(context).doesNotHaveBean("project51RateLimitFilter");
		});
	}

	@Test
	void refusesABadSessionCookieNameAndEmptyBudgets() {
		this.contextRunner
			.withPropertyValues("project51.frontend.session.cookie-name=a;b",
					"project51.frontend.rate-limit.session-messages=0")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.session.cookie-name must be 1 to 64 letters, digits, '-' or '_', but was"
						+ " 'a;b'")
				.contains("project51.frontend.rate-limit.session-messages must be at least 1, but was 0")
				.contains("project51.frontend.rate-limit.enabled=false"));
	}

	@Test
	void healthIndicatorCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("management.health.agent.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("agentHealthIndicator"));
	}

	@Test
	void doesNothingOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FrontendAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(AgentClient.class);
			});
	}

	@Test
	void doesNothingWithoutTheAgentClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AgentClient.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ChatStreamController.class);
			assertThat(context).doesNotHaveBean(FrontendProperties.class);
		});
	}

	@Test
	void servesTheEndpointsButNoPageWithoutFreeMarker() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FrontendAutoConfiguration.class, WebMvcAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("freemarker.template"))
			.withPropertyValues("project51.frontend.agent.base-url=" + agent.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ChatPageController.class);
				assertThat(context).hasSingleBean(ChatStreamController.class);
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void warnsWhenItsStreamTimeoutIsNotLongerThanTheAgentsDefault(CapturedOutput output) {
		this.contextRunner.withPropertyValues("project51.frontend.stream-timeout=6m")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("stream-timeout");
		this.contextRunner.withPropertyValues("project51.frontend.stream-timeout=5m")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("project51.frontend.stream-timeout (PT5M) is not longer than the agent's default"
				+ " stream timeout (PT5M)");
	}

	@Test
	void refusesABaseUrlThatIsNotHttp() {
		this.contextRunner.withPropertyValues("project51.frontend.agent.base-url=ftp://agent.example.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("project51.frontend.agent.base-url must be an absolute http or https URL")
				.hasMessageContaining("ftp://agent.example.com"));
	}

	@Test
	void refusesABaseUrlWithCredentialsWithoutPrintingThem() {
		this.contextRunner.withPropertyValues("project51.frontend.agent.base-url=http://user:s3cret@agent.example.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure()))
					.contains("project51.frontend.agent.base-url must not contain user info (credentials)")
					.contains("pass the token separately")
					.doesNotContain("s3cret");
			});
	}

	@Test
	void refusesARelativeBaseUrl() {
		this.contextRunner.withPropertyValues("project51.frontend.agent.base-url=agent:8081")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("project51.frontend.agent.base-url"));
	}

	@Test
	void refusesATokenWithInnerWhiteSpaceWithoutRevealingIt() {
		this.contextRunner.withPropertyValues("project51.frontend.agent.api-token=top secret").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(messages(failure)).contains("project51.frontend.agent.api-token")
				.contains("at index 3")
				.doesNotContain("top secret");
		});
	}

	@Test
	void refusesARetryMaxBelowTheInitialRetry() {
		this.contextRunner
			.withPropertyValues("project51.frontend.status.retry-initial=10s", "project51.frontend.status.retry-max=2s")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.status.retry-max must be at least project51.frontend.status.retry-initial"
						+ " (10s), but was 2s."));
	}

	@Test
	void refusesZeroDurations() {
		this.contextRunner.withPropertyValues("project51.frontend.agent.connect-timeout=0s")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.agent.connect-timeout must be a positive duration, but was 0s. "
						+ "Use a value such as 10s or 2m."));
	}

	@Test
	void refusesAnAllowedOriginWithAPath() {
		this.contextRunner.withPropertyValues("project51.frontend.security.allowed-origins=https://example.com/chat")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.security.allowed-origins[0] must be an origin")
				.contains("https://example.com/chat"));
	}

	@Test
	void refusesAnAllowedHostThatIsAnOriginNamingItsIndex() {
		this.contextRunner
			.withPropertyValues("project51.frontend.security.allowed-hosts=chat.example.com,https://chat.example.com")
			.run((context) -> assertThat(messages(context.getStartupFailure())).contains(
					"project51.frontend.security.allowed-hosts[1] must be a host name, but was 'https://chat.example.com':"
							+ " give the name only, without scheme or path (e.g. chat.example.com)")
				.doesNotContain("allowed-hosts[0]"));
	}

	@Test
	void refusesABlankTitleAndAnOutOfRangeMessageLength() {
		this.contextRunner.withPropertyValues("project51.frontend.title= ", "project51.frontend.max-message-length=0")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("project51.frontend.title must not be blank")
				.contains("project51.frontend.max-message-length must be between 1 and 100000, but was 0"));
	}

	private static String messages(Throwable failure) {
		assertThat(failure).as("startup failure").isNotNull();
		StringBuilder all = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
			if (t instanceof org.springframework.boot.context.properties.bind.validation.BindValidationException ex) {
				ex.getValidationErrors()
					.getAllErrors()
					.forEach((error) -> all.append(error.getDefaultMessage()).append('\n'));
			}
		}
		return all.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		AgentClient myAgentClient() {
			return AgentClient.builder().baseUrl(agent.baseUrl()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		AgentStatusService myStatusService(AgentClient agentClient) {
			return new AgentStatusService(agentClient, Duration.ZERO, Duration.ofSeconds(1),
					java.time.Clock.systemUTC());
		}

		@Bean
		ChatSettings myChatSettings() {
			return new ChatSettings("Mine", "Bot", "", List.of(), 100, Duration.ofMinutes(1), Duration.ofSeconds(5),
					Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5));
		}

		@Bean
		org.springframework.boot.health.contributor.HealthIndicator agentHealthIndicator() {
			return () -> org.springframework.boot.health.contributor.Health.up().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFiltersConfiguration {

		@Bean
		FilterRegistrationBean<SecurityHeadersFilter> myHeaders() {
			return new FilterRegistrationBean<>(new SecurityHeadersFilter("default-src 'self'"));
		}

		@Bean
		FilterRegistrationBean<SameOriginFilter> myOrigins() {
			return new FilterRegistrationBean<>(new SameOriginFilter(List.of(), 1024));
		}

	}

}
