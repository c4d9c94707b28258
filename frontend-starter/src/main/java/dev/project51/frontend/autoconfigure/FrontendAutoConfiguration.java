package dev.project51.frontend.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.project51.server.internal.http.MethodQueryFilter;
import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientBuilder;
import dev.project51.frontend.chat.internal.ChatExceptionHandler;
import dev.project51.frontend.chat.internal.ChatPageController;
import dev.project51.frontend.chat.internal.ChatSettings;
import dev.project51.frontend.chat.internal.ChatStreamController;
import dev.project51.frontend.chat.internal.ConversationController;
import dev.project51.frontend.security.internal.ApiProblemFilter;
import dev.project51.frontend.security.internal.FrontendErrorReportValve;
import dev.project51.server.internal.http.ProblemErrorReportValve;
import dev.project51.frontend.security.internal.SameOriginFilter;
import dev.project51.frontend.security.internal.SecurityHeadersFilter;
import dev.project51.frontend.session.internal.BrowserSessionFilter;
import dev.project51.frontend.session.internal.RateLimitFilter;
import dev.project51.frontend.status.internal.AgentHealthIndicator;
import dev.project51.frontend.status.AgentStatusService;
import dev.project51.frontend.status.internal.StatusController;
import dev.project51.frontend.observability.internal.AgentClientObservations;
import dev.project51.frontend.observability.internal.RelayMetrics;
import dev.project51.frontend.observability.internal.RequestIdFilter;
import dev.project51.frontend.security.internal.ActuatorAccessFilter;
import dev.project51.server.internal.security.AllowedHosts;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.frontend.security.internal.HostCheckFilter;
import dev.project51.server.internal.connector.ConnectorGuards;
import dev.project51.server.internal.connector.TomcatBaseDirectory;
import dev.project51.server.internal.json.StrictJsonTypes;
import dev.project51.agent.contract.ChatRequest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Auto-configuration of the Project51 chat frontend: the chat page at {@code /}, its
 * endpoints under {@code /api}, an {@link AgentClient} built from
 * {@code project51.frontend.agent.*}, the security headers, the same-origin guard of the
 * endpoints, and the {@code agent} health component. Every bean backs off when the
 * application defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WebMvcAutoConfiguration.class,
		afterName = "org.springframework.boot.freemarker.autoconfigure.FreeMarkerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ AgentClient.class, SseEmitter.class })
@ConditionalOnBooleanProperty(name = FrontendProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(FrontendProperties.class)
@Import({ FrontendAutoConfiguration.AgentClientConfiguration.class, FrontendAutoConfiguration.StatusConfiguration.class,
		FrontendAutoConfiguration.ChatConfiguration.class, FrontendAutoConfiguration.PageConfiguration.class,
		FrontendAutoConfiguration.SecurityConfiguration.class, FrontendAutoConfiguration.HealthConfiguration.class,
		FrontendAutoConfiguration.TomcatConfiguration.class,
		FrontendAutoConfiguration.ObservabilityConfiguration.class })
public final class FrontendAutoConfiguration {

	/** Environment variable read for the agent token when the property is not set. */
	static final String TOKEN_ENVIRONMENT_VARIABLE = "AGENT_API_TOKEN";

	/** The agent starter's default {@code project51.agent.chat.stream-timeout}. */
	static final Duration AGENT_DEFAULT_STREAM_TIMEOUT = Duration.ofMinutes(5);

	private static final Logger logger = LoggerFactory.getLogger(FrontendAutoConfiguration.class);

	FrontendAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class AgentClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AgentClient agentClient(FrontendProperties properties, Environment environment,
				ObjectProvider<AgentClientObservations> observations) {
			FrontendAgentProperties agent = properties.getAgent();
			if (properties.getStreamTimeout().compareTo(AGENT_DEFAULT_STREAM_TIMEOUT) <= 0) {
				// The agent does not publish its stream timeout, so this cannot be a
				// rule.
				logger.warn("{}.stream-timeout ({}) is not longer than the agent's default stream timeout ({}): unless"
						+ " the agent's project51.agent.chat.stream-timeout is shorter, the frontend ends long answers"
						+ " before the agent can", FrontendProperties.PREFIX, properties.getStreamTimeout(),
						AGENT_DEFAULT_STREAM_TIMEOUT);
			}
			AgentClientBuilder builder = AgentClient.builder()
				.baseUrl(agent.getBaseUrl())
				.connectTimeout(agent.getConnectTimeout())
				.requestTimeout(agent.getRequestTimeout())
				.streamTimeout(properties.getStreamTimeout())
				.firstTokenTimeout(agent.getFirstTokenTimeout())
				.idleTimeout(agent.getIdleTimeout())
				.retryPolicy(agent.getRetry().toPolicy())
				.circuitBreaker(agent.getCircuitBreaker().toPolicy());
			String token = token(agent, environment);
			if (token != null) {
				builder.apiToken(token);
			}
			AgentClientObservations listener = observations.getIfUnique();
			if (listener != null) {
				builder.listener(listener);
			}
			return builder.build();
		}

		static String token(FrontendAgentProperties agent, Environment environment) {
			String token = agent.getApiToken();
			if (token == null || token.isEmpty()) {
				token = environment.getProperty(TOKEN_ENVIRONMENT_VARIABLE);
			}
			return (token == null || token.isBlank()) ? null : token.strip();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StatusConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AgentStatusService agentStatusService(AgentClient agentClient, FrontendProperties properties) {
			FrontendStatusProperties status = properties.getStatus();
			return new AgentStatusService(agentClient, status.getCacheTtl(), status.getCheckTimeout(),
					Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		StatusController statusController(AgentStatusService agentStatusService) {
			return new StatusController(agentStatusService);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ChatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatSettings chatSettings(FrontendProperties properties) {
			FrontendStatusProperties status = properties.getStatus();
			return new ChatSettings(properties.getTitle(), properties.getAssistantName(), properties.getWelcome(),
					properties.getSuggestions(), properties.getMaxMessageLength(), properties.getStreamTimeout(),
					properties.getStreamHeartbeat(), status.getPollInterval(), status.getRetryInitial(),
					status.getRetryMax());
		}

		@Bean
		@ConditionalOnMissingBean
		ChatStreamController chatStreamController(AgentClient agentClient, ChatSettings chatSettings,
				AgentStatusService agentStatusService, ObjectProvider<MeterRegistry> meterRegistry) {
			MeterRegistry meters = meterRegistry.getIfUnique();
			return new ChatStreamController(agentClient, chatSettings, agentStatusService,
					(meters != null) ? new RelayMetrics(meters) : null);
		}

		@Bean
		@ConditionalOnMissingBean
		ConversationController conversationController(AgentClient agentClient, AgentStatusService agentStatusService) {
			return new ConversationController(agentClient, agentStatusService);
		}

		@Bean
		@ConditionalOnMissingBean
		ChatExceptionHandler chatExceptionHandler() {
			return new ChatExceptionHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "freemarker.template.Configuration")
	static class PageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatPageController chatPageController(ChatSettings chatSettings, ResourceUrlProvider resourceUrlProvider) {
			return new ChatPageController(chatSettings, resourceUrlProvider);
		}

		@Bean
		@ConditionalOnMissingBean(name = "project51FrontendAssets")
		WebMvcConfigurer project51FrontendAssets() {
			return new AssetsConfigurer();
		}

	}

	/**
	 * Serves the page's scripts, style sheet and images from the jar under content-hashed
	 * URLs that browsers may cache for a year, as the brotli or gzip file the build wrote
	 * beside each (minified) asset when the browser accepts it.
	 */
	static final class AssetsConfigurer implements WebMvcConfigurer {

		static final String LOCATION = "classpath:/META-INF/project51/frontend/";

		@Override
		public void addResourceHandlers(ResourceHandlerRegistry registry) {
			registry.addResourceHandler(ChatPageController.ASSETS_PATH + "**")
				.addResourceLocations(LOCATION)
				.setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic())
				.resourceChain(true)
				.addResolver(new BrotliFirstResourceResolver())
				.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		}

	}

	/**
	 * Serves the brotli file whenever the browser accepts brotli. Browsers list gzip
	 * first ({@code gzip, deflate, br, zstd}) and {@link EncodedResourceResolver} takes
	 * the first coding it has a file for, so the request it sees lists {@code br} first.
	 */
	static final class BrotliFirstResourceResolver extends EncodedResourceResolver {

		@Override
		protected Resource resolveResourceInternal(HttpServletRequest request, String requestPath,
				List<? extends Resource> locations, ResourceResolverChain chain) {
			return super.resolveResourceInternal((request != null) ? brotliFirst(request) : null, requestPath,
					locations, chain);
		}

		static HttpServletRequest brotliFirst(HttpServletRequest request) {
			String header = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
			if (header == null || !header.toLowerCase(Locale.ROOT).contains("br")) {
				return request;
			}
			// Like Spring's resolver (and its cache key), this weighs no q-values.
			List<String> codings = new ArrayList<>();
			for (String coding : header.split(",")) {
				String trimmed = coding.strip();
				String name = trimmed.split(";", 2)[0].strip();
				if (name.isEmpty()) {
					continue;
				}
				if ("br".equalsIgnoreCase(name)) {
					codings.add(0, trimmed);
				}
				else {
					codings.add(trimmed);
				}
			}
			String reordered = String.join(", ", codings);
			return new HttpServletRequestWrapper(request) {

				@Override
				public String getHeader(String name) {
					return HttpHeaders.ACCEPT_ENCODING.equalsIgnoreCase(name) ? reordered : super.getHeader(name);
				}

				@Override
				public Enumeration<String> getHeaders(String name) {
					return HttpHeaders.ACCEPT_ENCODING.equalsIgnoreCase(name)
							? Collections.enumeration(List.of(reordered)) : super.getHeaders(name);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecurityConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(SecurityHeadersFilter.class)
		@ConditionalOnBooleanProperty(name = FrontendProperties.PREFIX + ".security.headers-enabled",
				matchIfMissing = true)
		FilterRegistrationBean<SecurityHeadersFilter> project51SecurityHeadersFilter(FrontendProperties properties) {
			FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
					new SecurityHeadersFilter(properties.getSecurity().getContentSecurityPolicy()));
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

		@Bean
		@ConditionalOnMissingFilterBean(ApiProblemFilter.class)
		FilterRegistrationBean<ApiProblemFilter> project51ApiProblemFilter() {
			FilterRegistrationBean<ApiProblemFilter> registration = new FilterRegistrationBean<>(
					new ApiProblemFilter(ChatPageController.API_PATH));
			// Every path and the error dispatch: the filter picks the API requests by
			// their mapped path and answers their errors as problems.
			registration.addUrlPatterns("/*");
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
			return registration;
		}

		@Bean
		@ConditionalOnMissingFilterBean(BrowserSessionFilter.class)
		FilterRegistrationBean<BrowserSessionFilter> project51BrowserSessionFilter(FrontendProperties properties) {
			FrontendSessionProperties session = properties.getSession();
			FilterRegistrationBean<BrowserSessionFilter> registration = new FilterRegistrationBean<>(
					new BrowserSessionFilter(session.getCookieName(), session.getMaxAge()));
			registration.addUrlPatterns("/", ChatPageController.API_PATH + "/*");
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 17);
			return registration;
		}

		@Bean
		@ConditionalOnMissingFilterBean(RateLimitFilter.class)
		@ConditionalOnBooleanProperty(name = FrontendProperties.PREFIX + ".rate-limit.enabled", matchIfMissing = true)
		FilterRegistrationBean<RateLimitFilter> project51RateLimitFilter(FrontendProperties properties) {
			FrontendRateLimitProperties limit = properties.getRateLimit();
			FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(
					new RateLimitFilter.Limits(limit.getPeriod(), limit.getSessionRequests(),
							limit.getSessionMessages(), limit.getAddressRequests(), limit.getAddressMessages()),
					ChatStreamController.PATH, Set.of(StatusController.PATH)));
			registration.addUrlPatterns(ChatPageController.API_PATH + "/*");
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 18);
			return registration;
		}

		@Bean
		@ConditionalOnMissingFilterBean(SameOriginFilter.class)
		FilterRegistrationBean<SameOriginFilter> project51SameOriginFilter(FrontendProperties properties) {
			// JSON may escape a character as six bytes (\\uXXXX); leave room for the rest
			// of
			// the body.
			long maxBodyBytes = properties.getMaxMessageLength() * 6L + 4096;
			FilterRegistrationBean<SameOriginFilter> registration = new FilterRegistrationBean<>(
					new SameOriginFilter(properties.getSecurity().getAllowedOrigins(), maxBodyBytes));
			registration.addUrlPatterns(ChatPageController.API_PATH + "/*");
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
			return registration;
		}

		@Bean
		@ConditionalOnMissingFilterBean(HostCheckFilter.class)
		FilterRegistrationBean<HostCheckFilter> project51HostCheckFilter(FrontendProperties properties,
				Environment environment) {
			String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
			FilterRegistrationBean<HostCheckFilter> registration = new FilterRegistrationBean<>(
					new HostCheckFilter(AllowedHosts.of(properties.getSecurity().getAllowedHosts()), basePath));
			registration.addUrlPatterns("/*");
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
			// After the request id (HIGHEST_PRECEDENCE + 5), before everything that
			// answers.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 8);
			return registration;
		}

		@Bean
		@ConditionalOnMissingFilterBean(MethodQueryFilter.class)
		FilterRegistrationBean<MethodQueryFilter> project51MethodQueryFilter() {
			FilterRegistrationBean<MethodQueryFilter> registration = new FilterRegistrationBean<>(
					ApiProblemFilter.methodQueryFilter());
			registration.addUrlPatterns("/*");
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean
		AuthFailureLimiter project51AuthFailureLimiter(FrontendProperties properties) {
			return new AuthFailureLimiter(properties.getLimits().getAuthFailuresPerMinute());
		}

		@Bean
		@ConditionalOnMissingBean(name = "project51StrictJsonTypes")
		StrictJsonTypes project51StrictJsonTypes() {
			return new StrictJsonTypes(List.of(ChatRequest.class));
		}

	}

	/**
	 * Problem answers also for requests that Tomcat refuses before the application runs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ErrorReportValve.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "project51ErrorReportValveCustomizer")
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> project51ErrorReportValveCustomizer() {
			return new ErrorReportValveCustomizer();
		}

		@Bean
		@ConditionalOnMissingBean(name = "project51ConnectorGuardCustomizer")
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> project51ConnectorGuardCustomizer(
				FrontendProperties properties) {
			FrontendLimitsProperties limits = properties.getLimits();
			return new ConnectorGuards(limits.getHeaderTimeout(), limits.getBodyTimeout(),
					limits.getMaxConnectionsPerAddress(), "project51.frontend.limits");
		}

		@Bean
		@ConditionalOnMissingBean(name = "project51TomcatBaseDirectory")
		TomcatBaseDirectory project51TomcatBaseDirectory() {
			return new TomcatBaseDirectory("project51-frontend-");
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
					(context) -> ProblemErrorReportValve.install(context, FrontendErrorReportValve::new));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * The trace context sent on to the agent, the client's retries and circuit, the
	 * agent's status as the page shows it, the {@code X-Request-Id} of every answer, and
	 * the actuator behind the token.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ObservabilityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AgentClientObservations agentClientObservations(ObjectProvider<Tracer> tracer,
				ObjectProvider<Propagator> propagator, ObjectProvider<MeterRegistry> meterRegistry) {
			return new AgentClientObservations(tracer.getIfUnique(), propagator.getIfUnique(),
					meterRegistry.getIfUnique());
		}

		@Bean
		@ConditionalOnMissingBean(name = "project51AgentMeters")
		MeterBinder project51AgentMeters(AgentClient agentClient, AgentStatusService agentStatusService) {
			return (registry) -> {
				Gauge.builder("project51.frontend.agent.circuit.state", agentClient,
						(client) -> switch (client.circuitState()) {
							case CLOSED -> 0;
							case HALF_OPEN -> 1;
							case OPEN -> 2;
						})
					.description("State of the frontend's circuit breaker in front of the agent: 0 closed,"
							+ " 1 half-open, 2 open")
					.register(registry);
				Gauge.builder("project51.frontend.agent.status", agentStatusService,
						(service) -> switch (service.current().state()) {
							case HEALTHY -> 0;
							case DEGRADED -> 1;
							case UNAVAILABLE -> 2;
						})
					.description("The agent as the page shows it (checked when scraped, cached "
							+ "project51.frontend.status.cache-ttl): 0 healthy, 1 degraded (a fallback model answers),"
							+ " 2 unavailable")
					.register(registry);
			};
		}

		@Bean
		@ConditionalOnMissingFilterBean(RequestIdFilter.class)
		FilterRegistrationBean<RequestIdFilter> project51RequestIdFilter(ObjectProvider<Tracer> tracer) {
			FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
					new RequestIdFilter(tracer));
			// Right after Spring Boot's observation filter (HIGHEST_PRECEDENCE + 1),
			// which
			// starts the request's span.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
			registration.addUrlPatterns("/*");
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
			return registration;
		}

		@Bean
		@ConditionalOnMissingFilterBean(ActuatorAccessFilter.class)
		FilterRegistrationBean<ActuatorAccessFilter> project51ActuatorAccessFilter(FrontendProperties properties,
				Environment environment, ObjectProvider<AuthFailureLimiter> authFailures) {
			String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
			FilterRegistrationBean<ActuatorAccessFilter> registration = new FilterRegistrationBean<>(
					new ActuatorAccessFilter(AgentClientConfiguration.token(properties.getAgent(), environment),
							basePath, authFailures.getIfAvailable()));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
			registration.addUrlPatterns("/*");
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("agent")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentHealthIndicator")
		AgentHealthIndicator agentHealthIndicator(AgentStatusService agentStatusService) {
			return new AgentHealthIndicator(agentStatusService);
		}

	}

}
