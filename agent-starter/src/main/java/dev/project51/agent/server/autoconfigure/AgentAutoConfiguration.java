package dev.project51.agent.server.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.project51.agent.server.chat.AgentAssistant;
import dev.project51.agent.server.chat.internal.AgentChatMemoryProvider;
import dev.project51.agent.server.chat.internal.ApiDocumentController;
import dev.project51.agent.server.chat.internal.ApiErrorResolver;
import dev.project51.agent.server.chat.internal.ChatController;
import dev.project51.agent.server.chat.internal.ChatExceptionHandler;
import dev.project51.agent.server.chat.internal.ChatService;
import dev.project51.agent.server.chat.internal.ChatSettings;
import dev.project51.agent.server.chat.internal.ConversationService;
import dev.project51.agent.server.chat.internal.DirectTurns;
import dev.project51.server.internal.http.MethodQueryFilter;
import dev.project51.server.internal.json.StrictJsonTypes;
import dev.project51.server.internal.connector.ConnectorGuards;
import dev.project51.server.internal.connector.TomcatBaseDirectory;
import dev.project51.agent.server.failover.FailoverPolicy;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.failover.internal.ModelChainHealthIndicator;
import dev.project51.agent.server.knowledge.KnowledgeBase;
import dev.project51.agent.server.knowledge.internal.BackgroundEmbeddingModel;
import dev.project51.agent.server.knowledge.internal.KnowledgeContentInjector;
import dev.project51.agent.server.knowledge.KnowledgeContentRetriever;
import dev.project51.agent.server.knowledge.internal.LocalEmbeddingModel;
import dev.project51.agent.server.local.LocalChatModel;
import dev.project51.agent.server.memory.internal.AgentSchema;
import dev.project51.agent.server.memory.ConversationLeases;
import dev.project51.agent.server.memory.ConversationTranscript;
import dev.project51.agent.server.memory.internal.InMemoryConversationTranscript;
import dev.project51.agent.server.memory.internal.InProcessConversationLeases;
import dev.project51.agent.server.memory.internal.JdbcChatMemoryStore;
import dev.project51.agent.server.memory.internal.JdbcConversationLeases;
import dev.project51.agent.server.memory.internal.JdbcConversationTranscript;
import dev.project51.agent.server.openai.internal.OpenAiCompatibleController;
import dev.project51.agent.server.openai.internal.OpenAiExceptionHandler;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.server.problem.internal.ProblemErrorController;
import dev.project51.agent.server.problem.internal.AgentErrorReportValve;
import dev.project51.server.internal.http.ProblemErrorReportValve;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import dev.project51.agent.server.security.internal.AgentRequestFilter;
import dev.project51.server.internal.security.AllowedHosts;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.agent.server.security.internal.ClientRateLimiter;
import dev.project51.agent.server.security.internal.HealthPaths;
import dev.project51.agent.server.security.internal.HostCheckFilter;
import dev.project51.agent.server.security.internal.RequestIdFilter;
import dev.project51.agent.server.tools.BuiltInTools;
import dev.project51.agent.server.tools.internal.ToolBeans;
import dev.project51.agent.server.observability.internal.ObservationMeterFilter;
import dev.project51.agent.server.observability.internal.ApiObservationFilter;
import dev.project51.agent.server.security.internal.ActuatorAccessFilter;
import dev.project51.agent.server.security.internal.BearerToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Auto-configuration of the Project51 agent server: the knowledge base, the offline local
 * model, the failover chain of the configured providers, chat memory, tools, the
 * LangChain4j AI service, the v1 agent API, the OpenAI-compatible endpoint, request
 * guards and the readiness health of the chain. Every bean backs off when the application
 * defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" },
		beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnClass({ AiServices.class, AllMiniLmL6V2EmbeddingModel.class })
@ConditionalOnBooleanProperty(name = "project51.agent.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AgentProperties.class)
@Import({ AgentAutoConfiguration.JdbcMemoryConfiguration.class, AgentAutoConfiguration.InMemoryConfiguration.class,
		AgentAutoConfiguration.WebConfiguration.class, AgentAutoConfiguration.GuardConfiguration.class,
		AgentAutoConfiguration.HealthConfiguration.class, AgentAutoConfiguration.ObservabilityConfiguration.class })
public final class AgentAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AgentAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	EmbeddingModel agentEmbeddingModel() {
		// Loads while the rest starts; the context's refresh (and so readiness) waits for
		// it.
		return BackgroundEmbeddingModel.allMiniLmL6V2();
	}

	@Bean
	@ConditionalOnMissingBean
	KnowledgeBase agentKnowledgeBase(EmbeddingModel embeddingModel, AgentProperties properties,
			ResourceLoader resourceLoader) {
		ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		KnowledgeBase.Builder builder = KnowledgeBase.builder(embeddingModel);
		if (embeddingModel instanceof BackgroundEmbeddingModel
				&& LocalEmbeddingModel.NAME.equals(embeddingModel.modelName())) {
			// Passages embedded at build time are not embedded again, nor wait for the
			// model.
			builder.precomputedEmbeddings(resolver, LocalEmbeddingModel.NAME);
		}
		for (String location : properties.getKnowledge().getLocations()) {
			builder.resources(resolver, location);
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	KnowledgeContentRetriever agentKnowledgeRetriever(KnowledgeBase knowledgeBase, AgentProperties properties) {
		return new KnowledgeContentRetriever(knowledgeBase, properties.getKnowledge().getMaxResults(),
				properties.getKnowledge().getMinScore());
	}

	@Bean
	@ConditionalOnMissingBean
	LocalChatModel agentLocalModel(KnowledgeBase knowledgeBase, KnowledgeContentRetriever retriever,
			AgentProperties properties) {
		LocalModelProperties local = properties.getLocal();
		return LocalChatModel.builder(knowledgeBase, retriever)
			.name(local.getName())
			.tokenDelay(local.getTokenDelay())
			.toolThreshold(local.getToolThreshold())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ModelChain agentModelChain(AgentProperties properties, LocalChatModel localModel,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<ObservationRegistry> observationRegistry) {
		FailoverPolicy policy = properties.getFailover().toPolicy();
		ModelChain.Builder chain = ModelChain.builder()
			.policy(policy)
			.meterRegistry(meterRegistry.getIfUnique())
			.observationRegistry(observationRegistry.getIfUnique());
		ModelProviders.addRemoteModels(chain, properties.getModels(), policy);
		chain.inProcessModel(localModel.name(), "local", localModel, localModel);
		ModelChain built = chain.build();
		logger.info("Failover chain: {}",
				built.models()
					.stream()
					.map((m) -> m.name() + " (" + m.provider() + ")")
					.reduce((a, b) -> a + " -> " + b)
					.orElse(""));
		return built;
	}

	@Bean
	@ConditionalOnMissingBean
	BuiltInTools agentBuiltInTools(ModelChain chain) {
		return new BuiltInTools(Clock.systemUTC(), chain);
	}

	@Bean
	@ConditionalOnMissingBean
	AgentChatMemoryProvider agentChatMemoryProvider(ChatMemoryStore store, AgentProperties properties) {
		return new AgentChatMemoryProvider(store, properties.getChat().getMemoryMaxMessages());
	}

	@Bean
	@ConditionalOnMissingBean
	AgentAssistant agentAssistant(ModelChain chain, AgentChatMemoryProvider memories,
			KnowledgeContentRetriever retriever, AgentProperties properties, ResourceLoader resourceLoader,
			ConfigurableListableBeanFactory beanFactory) {
		String systemPrompt = read(resourceLoader.getResource(properties.getSystemPrompt()), properties);
		return AiServices.builder(AgentAssistant.class)
			.chatModel(chain.chatModel())
			.streamingChatModel(chain.streamingChatModel())
			.chatMemoryProvider(memories)
			.systemMessageProvider((memoryId) -> memories.systemMessage(memoryId, systemPrompt))
			.retrievalAugmentor(DefaultRetrievalAugmentor.builder()
				.contentRetriever(retriever)
				.contentInjector(new KnowledgeContentInjector())
				.build())
			.storeRetrievedContentInChatMemory(false)
			.tools(ToolBeans.find(beanFactory))
			.maxToolCallingRoundTrips(properties.getChat().getMaxToolRoundTrips())
			.hallucinatedToolNameStrategy((request) -> ToolExecutionResultMessage.from(request,
					"Error: there is no tool called '" + request.name() + "'. Use one of the tools offered."))
			.toolArgumentsErrorHandler((error,
					context) -> ToolErrorHandlerResult.text("Error: the arguments of '"
							+ context.toolExecutionRequest().name() + "' are invalid; check their names and types."))
			.toolExecutionErrorHandler((error, context) -> {
				logger.warn("Tool '{}' failed: {}", context.toolExecutionRequest().name(),
						error.getClass().getSimpleName());
				return ToolErrorHandlerResult
					.text("Error: the tool '" + context.toolExecutionRequest().name() + "' failed.");
			})
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ChatService agentChatService(AgentAssistant assistant, ModelChain chain, ConversationTranscript transcript,
			AgentChatMemoryProvider memories, AgentProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<MeterRegistry> meterRegistry,
			ConversationLeases leases) {
		ChatSettings settings = new ChatSettings(properties.getLimits().getMaxMessageLength(),
				properties.getChat().getBusyWait(), properties.getChat().getTimeout(),
				properties.getChat().getStreamTimeout(), properties.getChat().getStreamHeartbeat(),
				properties.getLimits().getMaxAnswerLength());
		return new ChatService(assistant, chain, transcript, memories, settings, Clock.systemUTC(),
				observationRegistry.getIfUnique(), meterRegistry.getIfUnique(), leases,
				properties.getChat().getTurnLease());
	}

	@Bean
	@ConditionalOnMissingBean
	DirectTurns agentDirectTurns(ChatService chatService, AgentAssistant assistant, ModelChain chain,
			AgentChatMemoryProvider memories, KnowledgeContentRetriever retriever, ResourceLoader resourceLoader,
			AgentProperties properties) {
		return new DirectTurns(chatService, assistant, chain, memories, retriever,
				read(resourceLoader.getResource(properties.getSystemPrompt()), properties));
	}

	/**
	 * Once the server listens, names this replica by its host name and port and frees the
	 * turn leases that an earlier run under that name left when it died (a restarted
	 * container or process keeps both), so its conversations answer again at once.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "agentReplicaStartedListener")
	ApplicationListener<WebServerInitializedEvent> agentReplicaStartedListener(ChatService chatService) {
		return (event) -> {
			if (event.getApplicationContext().getServerNamespace() == null) {
				chatService.replicaStarted(hostName() + ":" + event.getWebServer().getPort());
			}
		};
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

	@Bean
	@ConditionalOnMissingBean
	ConversationService agentConversationService(ChatService chatService, ConversationTranscript transcript,
			AgentChatMemoryProvider memories, ObjectProvider<MeterRegistry> meterRegistry) {
		return new ConversationService(chatService, transcript, memories, Clock.systemUTC(),
				meterRegistry.getIfUnique());
	}

	private static String read(Resource resource, AgentProperties properties) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the system prompt at project51.agent.system-prompt="
					+ properties.getSystemPrompt() + "; point it at an existing resource", ex);
		}
	}

	static JsonMapper jsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfAvailable(JsonMapper::shared);
	}

	/**
	 * Conversations in the application's database.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DataSource.class)
	static class JdbcMemoryConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentJdbcClient")
		JdbcClient agentJdbcClient(DataSource dataSource) {
			int migrations = AgentSchema.migrate(dataSource);
			logger.debug("Agent schema ready ({} migrations applied)", migrations);
			return JdbcClient.create(dataSource);
		}

		@Bean
		@ConditionalOnMissingBean
		ChatMemoryStore agentChatMemoryStore(JdbcClient agentJdbcClient) {
			return new JdbcChatMemoryStore(agentJdbcClient);
		}

		@Bean
		@ConditionalOnMissingBean
		ConversationTranscript agentConversationTranscript(JdbcClient agentJdbcClient,
				ObjectProvider<JsonMapper> jsonMapper) {
			return new JdbcConversationTranscript(agentJdbcClient, jsonMapper(jsonMapper));
		}

		@Bean
		@ConditionalOnMissingBean
		ConversationLeases agentConversationLeases(JdbcClient agentJdbcClient, ConversationTranscript transcript) {
			if (!(transcript instanceof JdbcConversationTranscript)) {
				logger.info("The conversation transcript is the application's own: turns of a conversation are"
						+ " serialized in this process only; define a ConversationLeases bean to serialize them"
						+ " across replicas");
				return new InProcessConversationLeases();
			}
			return new JdbcConversationLeases(agentJdbcClient);
		}

	}

	/**
	 * Conversations in memory when the application has no database.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(DataSource.class)
	static class InMemoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatMemoryStore agentChatMemoryStore() {
			logger.warn("No DataSource: conversations are kept in memory and lost on restart;"
					+ " add spring-boot-starter-jdbc with H2 or PostgreSQL to keep them");
			return new InMemoryChatMemoryStore();
		}

		@Bean
		@ConditionalOnMissingBean
		ConversationTranscript agentConversationTranscript() {
			return new InMemoryConversationTranscript();
		}

		@Bean
		@ConditionalOnMissingBean
		ConversationLeases agentConversationLeases() {
			return new InProcessConversationLeases();
		}

	}

	/**
	 * The HTTP APIs and their guards.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatController agentChatController(ChatService chatService, ConversationService conversationService,
				ObjectProvider<JsonMapper> jsonMapper) {
			return new ChatController(chatService, conversationService, jsonMapper(jsonMapper));
		}

		@Bean
		@ConditionalOnMissingBean
		ApiDocumentController agentApiDocumentController(ObjectProvider<JsonMapper> jsonMapper,
				AgentProperties properties) {
			return new ApiDocumentController(jsonMapper(jsonMapper), properties.getOpenai().isEnabled());
		}

		@Bean
		@ConditionalOnMissingBean
		ChatExceptionHandler agentChatExceptionHandler(ObjectProvider<JsonMapper> jsonMapper) {
			return new ChatExceptionHandler(jsonMapper(jsonMapper));
		}

		@Bean
		@ConditionalOnMissingBean
		ApiErrorResolver agentApiErrorResolver(ObjectProvider<JsonMapper> jsonMapper) {
			return new ApiErrorResolver(jsonMapper(jsonMapper));
		}

		/**
		 * The budget of each end user, shared by the end-user header of the agent API and
		 * the {@code user} of the OpenAI-compatible API.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "agentUserRateLimiter")
		@ConditionalOnBooleanProperty(name = "project51.agent.limits.rate-limit.enabled", matchIfMissing = true)
		ClientRateLimiter agentUserRateLimiter(AgentProperties properties) {
			RateLimitProperties rateLimit = properties.getLimits().getRateLimit();
			return new ClientRateLimiter(rateLimit.getUserRequestsPerMinute(), rateLimit.getUserBurst());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "project51.agent.openai.enabled", matchIfMissing = true)
		OpenAiCompatibleController agentOpenAiController(ChatService chatService, DirectTurns directTurns,
				ObjectProvider<JsonMapper> jsonMapper, AgentProperties properties,
				@Qualifier("agentUserRateLimiter") ObjectProvider<ClientRateLimiter> agentUserRateLimiter) {
			return new OpenAiCompatibleController(chatService, directTurns, jsonMapper(jsonMapper),
					properties.getOpenai().getModelId(), Clock.systemUTC(), agentUserRateLimiter.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "project51.agent.openai.enabled", matchIfMissing = true)
		OpenAiExceptionHandler agentOpenAiExceptionHandler(ObjectProvider<JsonMapper> jsonMapper) {
			return new OpenAiExceptionHandler(jsonMapper(jsonMapper));
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentRequestFilter")
		FilterRegistrationBean<AgentRequestFilter> agentRequestFilter(AgentProperties properties,
				ObjectProvider<JsonMapper> jsonMapper,
				@Qualifier("agentUserRateLimiter") ObjectProvider<ClientRateLimiter> agentUserRateLimiter,
				ObjectProvider<AuthFailureLimiter> authFailures) {
			RateLimitProperties rateLimit = properties.getLimits().getRateLimit();
			ClientRateLimiter limiter = rateLimit.isEnabled()
					? new ClientRateLimiter(rateLimit.getRequestsPerMinute(), rateLimit.getBurst()) : null;
			AgentRequestFilter filter = new AgentRequestFilter(properties.getApiToken(), limiter,
					rateLimit.isEnabled() ? agentUserRateLimiter.getIfAvailable() : null,
					properties.getLimits().getMaxBodySize(), jsonMapper(jsonMapper),
					properties.getOpenai().getCorsAllowedOrigins(), authFailures.getIfAvailable());
			FilterRegistrationBean<AgentRequestFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
			// Every path and the error dispatch: the filter picks the API requests by
			// their mapped path and answers their errors as problems.
			registration.addUrlPatterns("/*");
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentRequestIdFilter")
		FilterRegistrationBean<RequestIdFilter> agentRequestIdFilter(ObjectProvider<Tracer> tracer) {
			FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
					new RequestIdFilter(tracer.getIfUnique()));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
			registration.addUrlPatterns("/*");
			return registration;
		}

	}

	/**
	 * The trace id of every problem, the count of problem answers, the actuator's token,
	 * and no duplicate meters of the agent's spans.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ObservabilityConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentObservationMeterFilter")
		MeterFilter agentObservationMeterFilter() {
			return new ObservationMeterFilter();
		}

		@Bean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnMissingBean(name = "agentApiObservationFilter")
		FilterRegistrationBean<ApiObservationFilter> agentApiObservationFilter(ObjectProvider<Tracer> tracer,
				ObjectProvider<MeterRegistry> meterRegistry) {
			FilterRegistrationBean<ApiObservationFilter> registration = new FilterRegistrationBean<>(
					new ApiObservationFilter(tracer.getIfUnique(), meterRegistry.getIfUnique()));
			// Right after Spring Boot's observation filter (HIGHEST_PRECEDENCE + 1),
			// which
			// starts the request's span.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
			registration.addUrlPatterns("/*");
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			return registration;
		}

		@Bean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnMissingBean(name = "agentActuatorAccessFilter")
		FilterRegistrationBean<ActuatorAccessFilter> agentActuatorAccessFilter(AgentProperties properties,
				AuthFailureLimiter authFailures, HealthPaths healthPaths, ObjectProvider<JsonMapper> jsonMapper) {
			FilterRegistrationBean<ActuatorAccessFilter> registration = new FilterRegistrationBean<>(
					new ActuatorAccessFilter(BearerToken.of(properties.getApiToken()), authFailures, healthPaths,
							jsonMapper(jsonMapper)));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
			registration.addUrlPatterns("/*");
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			return registration;
		}

	}

	/**
	 * The guards of the whole server: the Host allow-list, TRACE and OPTIONS, the limit
	 * of failed authentications (shared by the APIs and the actuator), the actuator's
	 * public paths, strict JSON types and the error page.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class GuardConfiguration {

		/** The environment variable in which Render names a web service's public host. */
		static final String RENDER_HOST_VARIABLE = "RENDER_EXTERNAL_HOSTNAME";

		@Bean
		@ConditionalOnMissingBean
		AuthFailureLimiter agentAuthFailureLimiter(AgentProperties properties) {
			return new AuthFailureLimiter(properties.getLimits().getAuthFailuresPerMinute());
		}

		@Bean
		@ConditionalOnMissingBean
		HealthPaths agentHealthPaths(Environment environment, ObjectProvider<HealthEndpointGroups> groups) {
			return healthPaths(environment, groups);
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentHostCheckFilter")
		FilterRegistrationBean<HostCheckFilter> agentHostCheckFilter(AgentProperties properties,
				Environment environment, HealthPaths healthPaths, ObjectProvider<JsonMapper> jsonMapper) {
			List<String> hosts = new ArrayList<>(properties.getAllowedHosts());
			String renderHost = environment.getProperty(RENDER_HOST_VARIABLE);
			if (renderHost != null && !renderHost.isBlank() && AllowedHosts.invalid(renderHost) == null) {
				hosts.add(renderHost.strip());
			}
			AllowedHosts allowed = AllowedHosts.of(hosts);
			logger.debug("Hosts answered: {}", allowed);
			FilterRegistrationBean<HostCheckFilter> registration = new FilterRegistrationBean<>(
					new HostCheckFilter(allowed, healthPaths, jsonMapper(jsonMapper)));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 45);
			registration.addUrlPatterns("/*");
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentMethodQueryFilter")
		FilterRegistrationBean<MethodQueryFilter> agentMethodQueryFilter(ObjectProvider<JsonMapper> jsonMapper) {
			FilterRegistrationBean<MethodQueryFilter> registration = new FilterRegistrationBean<>(
					new MethodQueryFilter(ProblemResponses.writer(jsonMapper(jsonMapper)), ProblemResponses::path));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 46);
			registration.addUrlPatterns("/*");
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentStrictJsonTypes")
		StrictJsonTypes agentStrictJsonTypes() {
			return new StrictJsonTypes(List.of(ChatRequest.class));
		}

		@Bean
		@ConditionalOnMissingBean(ErrorController.class)
		ProblemErrorController agentErrorController(ObjectProvider<JsonMapper> jsonMapper) {
			return new ProblemErrorController(jsonMapper(jsonMapper));
		}

	}

	static HealthPaths healthPaths(Environment environment, ObjectProvider<HealthEndpointGroups> groups) {
		String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String health = environment.getProperty("management.endpoints.web.path-mapping.health", "health");
		return new HealthPaths(base, health, () -> {
			HealthEndpointGroups available = groups.getIfAvailable();
			return (available != null) ? available.getNames() : Set.of("liveness", "readiness");
		});
	}

	/**
	 * Problem answers also for requests that Tomcat refuses before the application runs;
	 * deadlines for request heads and bodies, and a bound on the connections of one
	 * address.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ ErrorReportValve.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentConnectorGuardCustomizer")
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> agentConnectorGuardCustomizer(
				AgentProperties properties) {
			LimitsProperties limits = properties.getLimits();
			return new ConnectorGuards(limits.getHeaderTimeout(), limits.getBodyTimeout(),
					limits.getMaxConnectionsPerAddress(), "project51.agent.limits");
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentErrorReportValveCustomizer")
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> agentErrorReportValveCustomizer() {
			return new ErrorReportValveCustomizer();
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentTomcatBaseDirectory")
		TomcatBaseDirectory agentTomcatBaseDirectory() {
			return new TomcatBaseDirectory("project51-agent-");
		}

	}

	/**
	 * Installs {@link ProblemErrorReportValve} after Spring Boot installed its own error
	 * report valve.
	 */
	static final class ErrorReportValveCustomizer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers(
					(context) -> ProblemErrorReportValve.install(context, AgentErrorReportValve::new));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * The chain's state in the health endpoint and the readiness group.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentModelsHealthIndicator")
		ModelChainHealthIndicator agentModelsHealthIndicator(ModelChain chain) {
			return new ModelChainHealthIndicator(chain);
		}

	}

}
