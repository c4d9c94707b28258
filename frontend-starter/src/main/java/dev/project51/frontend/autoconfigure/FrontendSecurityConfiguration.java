package dev.project51.frontend.autoconfigure;

import java.util.List;
import java.util.Set;

import dev.project51.agent.contract.ChatRequest;
import dev.project51.frontend.chat.internal.ChatPageController;
import dev.project51.frontend.chat.internal.ChatStreamController;
import dev.project51.frontend.security.internal.ApiProblemFilter;
import dev.project51.frontend.security.internal.SameOriginFilter;
import dev.project51.frontend.security.internal.SecurityHeadersFilter;
import dev.project51.frontend.session.internal.BrowserSessionFilter;
import dev.project51.frontend.session.internal.RateLimitFilter;
import dev.project51.frontend.status.internal.StatusController;
import dev.project51.server.internal.http.FilterRegistrations;
import dev.project51.server.internal.http.MethodQueryFilter;
import dev.project51.server.internal.json.StrictJsonTypes;
import dev.project51.server.internal.security.AllowedHosts;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.server.internal.security.HealthPaths;
import dev.project51.server.internal.security.HostCheckFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The filters that guard every request (security headers, problem answers, browser
 * session, rate limits, same-origin and host checks) and the JSON strictness of the API.
 */
@Configuration(proxyBeanMethods = false)
class FrontendSecurityConfiguration {

	@Bean
	@ConditionalOnMissingFilterBean(SecurityHeadersFilter.class)
	@ConditionalOnBooleanProperty(name = FrontendProperties.PREFIX + ".security.headers-enabled", matchIfMissing = true)
	FilterRegistrationBean<SecurityHeadersFilter> project51SecurityHeadersFilter(FrontendProperties properties) {
		return FilterRegistrations
			.requestsAndErrors(new SecurityHeadersFilter(properties.getSecurity().getContentSecurityPolicy()), 10);
	}

	@Bean
	@ConditionalOnMissingFilterBean(ApiProblemFilter.class)
	FilterRegistrationBean<ApiProblemFilter> project51ApiProblemFilter() {
		// Every path and the error dispatch: the filter picks the API requests by
		// their mapped path and answers their errors as problems.
		return FilterRegistrations.requestsAndErrors(new ApiProblemFilter(ChatPageController.API_PATH), 15, "/*");
	}

	@Bean
	@ConditionalOnMissingFilterBean(BrowserSessionFilter.class)
	FilterRegistrationBean<BrowserSessionFilter> project51BrowserSessionFilter(FrontendProperties properties) {
		FrontendSessionProperties session = properties.getSession();
		return FilterRegistrations.requests(new BrowserSessionFilter(session.getCookieName(), session.getMaxAge()), 17,
				"/", ChatPageController.API_PATH + "/*");
	}

	@Bean
	@ConditionalOnMissingFilterBean(RateLimitFilter.class)
	@ConditionalOnBooleanProperty(name = FrontendProperties.PREFIX + ".rate-limit.enabled", matchIfMissing = true)
	FilterRegistrationBean<RateLimitFilter> project51RateLimitFilter(FrontendProperties properties) {
		FrontendRateLimitProperties limit = properties.getRateLimit();
		return FilterRegistrations.requests(
				new RateLimitFilter(
						new RateLimitFilter.Limits(limit.getPeriod(), limit.getSessionRequests(),
								limit.getSessionMessages(), limit.getAddressRequests(), limit.getAddressMessages()),
						ChatStreamController.PATH, Set.of(StatusController.PATH)),
				18, ChatPageController.API_PATH + "/*");
	}

	@Bean
	@ConditionalOnMissingFilterBean(SameOriginFilter.class)
	FilterRegistrationBean<SameOriginFilter> project51SameOriginFilter(FrontendProperties properties) {
		// JSON may escape a character as six bytes (\\uXXXX); leave room for the rest
		// of the body.
		long maxBodyBytes = properties.getMaxMessageLength() * 6L + 4096;
		return FilterRegistrations.requests(
				new SameOriginFilter(properties.getSecurity().getAllowedOrigins(), maxBodyBytes), 20,
				ChatPageController.API_PATH + "/*");
	}

	@Bean
	@ConditionalOnMissingFilterBean(HostCheckFilter.class)
	FilterRegistrationBean<HostCheckFilter> project51HostCheckFilter(FrontendProperties properties,
			HealthPaths healthPaths) {
		// After the request id (HIGHEST_PRECEDENCE + 5), before everything that
		// answers.
		return FilterRegistrations.requests(
				new HostCheckFilter(AllowedHosts.of(properties.getSecurity().getAllowedHosts()), healthPaths,
						"frontend", FrontendProperties.PREFIX + ".security.allowed-hosts", ApiProblemFilter.answers()),
				8, "/*");
	}

	@Bean
	@ConditionalOnMissingBean
	HealthPaths project51HealthPaths(Environment environment, ObjectProvider<HealthEndpointGroups> groups) {
		return HealthPaths.of(environment, () -> {
			HealthEndpointGroups available = groups.getIfAvailable();
			return (available != null) ? available.getNames() : null;
		}, FrontendSecurityConfiguration::isApplicationPath);
	}

	/**
	 * Whether the frontend serves a path itself (the page, its API and its assets), for
	 * an actuator mapped without a base path of its own.
	 */
	private static boolean isApplicationPath(String path) {
		return path.equals("/") || path.startsWith(ChatPageController.API_PATH + "/")
				|| path.startsWith(ChatPageController.ASSETS_PATH);
	}

	@Bean
	@ConditionalOnMissingFilterBean(MethodQueryFilter.class)
	FilterRegistrationBean<MethodQueryFilter> project51MethodQueryFilter() {
		return FilterRegistrations.requests(ApiProblemFilter.methodQueryFilter(), 11, "/*");
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
