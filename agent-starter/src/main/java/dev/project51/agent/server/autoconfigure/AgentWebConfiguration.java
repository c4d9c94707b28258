package dev.project51.agent.server.autoconfigure;

import java.time.Clock;

import dev.project51.agent.server.chat.internal.ApiDocumentController;
import dev.project51.agent.server.chat.internal.ApiErrorResolver;
import dev.project51.agent.server.chat.internal.ChatController;
import dev.project51.agent.server.chat.internal.ChatExceptionHandler;
import dev.project51.agent.server.chat.internal.ChatService;
import dev.project51.agent.server.chat.internal.ConversationService;
import dev.project51.agent.server.chat.internal.DirectTurns;
import dev.project51.agent.server.openai.internal.OpenAiCompatibleController;
import dev.project51.agent.server.openai.internal.OpenAiExceptionHandler;
import dev.project51.agent.server.security.internal.AgentRequestFilter;
import dev.project51.agent.server.security.internal.RequestIdFilter;
import dev.project51.server.internal.http.FilterRegistrations;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.server.internal.security.KeyedRateLimiter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP APIs and their guards.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AgentWebConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ChatController agentChatController(ChatService chatService, ConversationService conversationService,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new ChatController(chatService, conversationService, AgentAutoConfiguration.jsonMapper(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	ApiDocumentController agentApiDocumentController(ObjectProvider<JsonMapper> jsonMapper,
			AgentProperties properties) {
		return new ApiDocumentController(AgentAutoConfiguration.jsonMapper(jsonMapper),
				properties.getOpenai().isEnabled());
	}

	@Bean
	@ConditionalOnMissingBean
	ChatExceptionHandler agentChatExceptionHandler(ObjectProvider<JsonMapper> jsonMapper) {
		return new ChatExceptionHandler(AgentAutoConfiguration.jsonMapper(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	ApiErrorResolver agentApiErrorResolver(ObjectProvider<JsonMapper> jsonMapper) {
		return new ApiErrorResolver(AgentAutoConfiguration.jsonMapper(jsonMapper));
	}

	/**
	 * The budget of each end user, shared by the end-user header of the agent API and the
	 * {@code user} of the OpenAI-compatible API.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "agentUserRateLimiter")
	@ConditionalOnBooleanProperty(name = "project51.agent.limits.rate-limit.enabled", matchIfMissing = true)
	KeyedRateLimiter agentUserRateLimiter(AgentProperties properties) {
		RateLimitProperties rateLimit = properties.getLimits().getRateLimit();
		return KeyedRateLimiter.tokenBucket(rateLimit.getUserRequestsPerMinute(), rateLimit.getUserBurst());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "project51.agent.openai.enabled", matchIfMissing = true)
	OpenAiCompatibleController agentOpenAiController(ChatService chatService, DirectTurns directTurns,
			ObjectProvider<JsonMapper> jsonMapper, AgentProperties properties,
			@Qualifier("agentUserRateLimiter") ObjectProvider<KeyedRateLimiter> agentUserRateLimiter) {
		return new OpenAiCompatibleController(chatService, directTurns, AgentAutoConfiguration.jsonMapper(jsonMapper),
				properties.getOpenai().getModelId(), Clock.systemUTC(), agentUserRateLimiter.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "project51.agent.openai.enabled", matchIfMissing = true)
	OpenAiExceptionHandler agentOpenAiExceptionHandler(ObjectProvider<JsonMapper> jsonMapper) {
		return new OpenAiExceptionHandler(AgentAutoConfiguration.jsonMapper(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingFilterBean(AgentRequestFilter.class)
	FilterRegistrationBean<AgentRequestFilter> agentRequestFilter(AgentProperties properties,
			ObjectProvider<JsonMapper> jsonMapper,
			@Qualifier("agentUserRateLimiter") ObjectProvider<KeyedRateLimiter> agentUserRateLimiter,
			ObjectProvider<AuthFailureLimiter> authFailures) {
		RateLimitProperties rateLimit = properties.getLimits().getRateLimit();
		KeyedRateLimiter limiter = rateLimit.isEnabled()
				? KeyedRateLimiter.tokenBucket(rateLimit.getRequestsPerMinute(), rateLimit.getBurst()) : null;
		AgentRequestFilter filter = new AgentRequestFilter(properties.getApiToken(), limiter,
				rateLimit.isEnabled() ? agentUserRateLimiter.getIfAvailable() : null,
				properties.getLimits().getMaxBodySize(), AgentAutoConfiguration.jsonMapper(jsonMapper),
				properties.getOpenai().getCorsAllowedOrigins(), authFailures.getIfAvailable());
		// Every path and the error dispatch: the filter picks the API requests by
		// their mapped path and answers their errors as problems.
		return FilterRegistrations.requestsAndErrors(filter, 50, "/*");
	}

	@Bean
	@ConditionalOnMissingFilterBean(RequestIdFilter.class)
	FilterRegistrationBean<RequestIdFilter> agentRequestIdFilter() {
		return FilterRegistrations.requests(new RequestIdFilter(), 40, "/*");
	}

}
