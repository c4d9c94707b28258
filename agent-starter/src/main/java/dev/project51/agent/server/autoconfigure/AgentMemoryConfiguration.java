package dev.project51.agent.server.autoconfigure;

import javax.sql.DataSource;

import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.project51.agent.server.memory.internal.AgentSchema;
import dev.project51.agent.server.memory.ConversationLeases;
import dev.project51.agent.server.memory.ConversationTranscript;
import dev.project51.agent.server.memory.internal.InMemoryConversationTranscript;
import dev.project51.agent.server.memory.internal.InProcessConversationLeases;
import dev.project51.agent.server.memory.internal.JdbcChatMemoryStore;
import dev.project51.agent.server.memory.internal.JdbcConversationLeases;
import dev.project51.agent.server.memory.internal.JdbcConversationTranscript;
import dev.project51.agent.server.memory.internal.StoreTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stores of conversations: the application's database, or memory without one.
 */
abstract class AgentMemoryConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AgentAutoConfiguration.class);

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

		/**
		 * Transactions on the DataSource of the default JDBC client, for the writes of a
		 * turn that belong together. An application's own client on another database runs
		 * each statement on its own.
		 */
		@Bean
		@ConditionalOnMissingBean
		StoreTransactions agentStoreTransactions(DataSource dataSource) {
			return new StoreTransactions(new TransactionTemplate(new JdbcTransactionManager(dataSource)));
		}

		@Bean
		@ConditionalOnMissingBean
		ConversationTranscript agentConversationTranscript(JdbcClient agentJdbcClient,
				ObjectProvider<JsonMapper> jsonMapper, StoreTransactions agentStoreTransactions) {
			return new JdbcConversationTranscript(agentJdbcClient, AgentAutoConfiguration.jsonMapper(jsonMapper),
					agentStoreTransactions.operations());
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
		StoreTransactions agentStoreTransactions() {
			return new StoreTransactions(TransactionOperations.withoutTransaction());
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

}
