package dev.project51.agent.server.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import dev.project51.server.internal.http.FilterRegistrations;
import dev.project51.server.internal.http.MethodQueryFilter;
import dev.project51.server.internal.http.ProblemErrorController;
import dev.project51.server.internal.json.StrictJsonTypes;
import dev.project51.server.internal.security.AllowedHosts;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.server.internal.security.HealthPaths;
import dev.project51.server.internal.security.HostCheckFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The guards of the whole server: the Host allow-list, TRACE and OPTIONS, the limit of
 * failed authentications (shared by the APIs and the actuator), the actuator's public
 * paths, strict JSON types and the error page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AgentGuardConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AgentAutoConfiguration.class);

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
		return HealthPaths.of(environment, () -> {
			HealthEndpointGroups available = groups.getIfAvailable();
			return (available != null) ? available.getNames() : null;
		}, ProblemResponses::isApi);
	}

	@Bean
	@ConditionalOnMissingFilterBean(HostCheckFilter.class)
	FilterRegistrationBean<HostCheckFilter> agentHostCheckFilter(AgentProperties properties, Environment environment,
			HealthPaths healthPaths, ObjectProvider<JsonMapper> jsonMapper) {
		List<String> hosts = new ArrayList<>(properties.getAllowedHosts());
		String renderHost = environment.getProperty(RENDER_HOST_VARIABLE);
		if (renderHost != null && !renderHost.isBlank() && AllowedHosts.invalid(renderHost) == null) {
			hosts.add(renderHost.strip());
		}
		AllowedHosts allowed = AllowedHosts.of(hosts);
		logger.debug("Hosts answered: {}", allowed);
		return FilterRegistrations
			.requests(new HostCheckFilter(allowed, healthPaths, "agent", AgentProperties.PREFIX + ".allowed-hosts",
					ProblemResponses.answers(AgentAutoConfiguration.jsonMapper(jsonMapper))), 45, "/*");
	}

	@Bean
	@ConditionalOnMissingFilterBean(MethodQueryFilter.class)
	FilterRegistrationBean<MethodQueryFilter> agentMethodQueryFilter(ObjectProvider<JsonMapper> jsonMapper) {
		return FilterRegistrations
			.requests(new MethodQueryFilter(ProblemResponses.answers(AgentAutoConfiguration.jsonMapper(jsonMapper)),
					ProblemResponses::path), 46, "/*");
	}

	@Bean
	@ConditionalOnMissingBean(name = "agentStrictJsonTypes")
	StrictJsonTypes agentStrictJsonTypes() {
		return new StrictJsonTypes(List.of(ChatRequest.class));
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController agentErrorController(ObjectProvider<JsonMapper> jsonMapper) {
		return new ProblemErrorController(ProblemResponses.answers(AgentAutoConfiguration.jsonMapper(jsonMapper)));
	}

}
