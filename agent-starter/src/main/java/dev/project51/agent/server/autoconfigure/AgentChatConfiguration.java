package dev.project51.agent.server.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.project51.agent.server.chat.AgentAssistant;
import dev.project51.agent.server.chat.internal.AgentChatMemoryProvider;
import dev.project51.agent.server.chat.internal.ChatService;
import dev.project51.agent.server.chat.internal.ChatSettings;
import dev.project51.agent.server.chat.internal.ConversationService;
import dev.project51.agent.server.chat.internal.DirectTurns;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.knowledge.internal.KnowledgeContentInjector;
import dev.project51.agent.server.knowledge.KnowledgeContentRetriever;
import dev.project51.agent.server.memory.ConversationLeases;
import dev.project51.agent.server.memory.ConversationTranscript;
import dev.project51.agent.server.memory.internal.StoreTransactions;
import dev.project51.agent.server.tools.BuiltInTools;
import dev.project51.agent.server.tools.internal.ToolBeans;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The LangChain4j AI service on the failover chain with its memory and tools, and the
 * turns and conversations of the agent API.
 */
@Configuration(proxyBeanMethods = false)
class AgentChatConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AgentAutoConfiguration.class);

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
			ConversationLeases leases,
			@Qualifier(AgentExecutorConfiguration.TASK_EXECUTOR) AsyncTaskExecutor agentTaskExecutor,
			@Qualifier(AgentExecutorConfiguration.TASK_SCHEDULER) ThreadPoolTaskScheduler agentTaskScheduler,
			StoreTransactions agentStoreTransactions) {
		ChatSettings settings = new ChatSettings(properties.getLimits().getMaxMessageLength(),
				properties.getChat().getBusyWait(), properties.getChat().getTimeout(),
				properties.getChat().getStreamTimeout(), properties.getChat().getStreamHeartbeat(),
				properties.getLimits().getMaxAnswerLength());
		return new ChatService(assistant, chain, transcript, memories, settings, Clock.systemUTC(),
				observationRegistry.getIfUnique(), meterRegistry.getIfUnique(), leases,
				properties.getChat().getTurnLease(), agentTaskExecutor, agentTaskScheduler.getScheduledExecutor(),
				agentStoreTransactions.operations());
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

}
