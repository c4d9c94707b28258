package dev.project51.agent.server.autoconfigure;

import dev.project51.agent.server.observability.internal.ApiObservationFilter;
import dev.project51.agent.server.observability.internal.ObservationMeterFilter;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import dev.project51.server.internal.http.FilterRegistrations;
import dev.project51.server.internal.observability.TraceIdFilter;
import dev.project51.server.internal.security.ActuatorAccessFilter;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.server.internal.security.BearerToken;
import dev.project51.server.internal.security.HealthPaths;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trace id of every problem, the count of problem answers, the actuator's token, and
 * no duplicate meters of the agent's spans.
 */
@Configuration(proxyBeanMethods = false)
class AgentObservabilityConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "agentObservationMeterFilter")
	MeterFilter agentObservationMeterFilter() {
		return new ObservationMeterFilter();
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnMissingFilterBean(TraceIdFilter.class)
	FilterRegistrationBean<TraceIdFilter> agentTraceIdFilter(ObjectProvider<Tracer> tracer) {
		// Right after Spring Boot's observation filter (HIGHEST_PRECEDENCE + 1), which
		// starts the request's span. The x-request-id header is RequestIdFilter's.
		return FilterRegistrations.requests(new TraceIdFilter(tracer, null), 4, "/*");
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnMissingFilterBean(ApiObservationFilter.class)
	FilterRegistrationBean<ApiObservationFilter> agentApiObservationFilter(
			ObjectProvider<MeterRegistry> meterRegistry) {
		return FilterRegistrations.requests(new ApiObservationFilter(meterRegistry.getIfUnique()), 5, "/*");
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnMissingFilterBean(ActuatorAccessFilter.class)
	FilterRegistrationBean<ActuatorAccessFilter> agentActuatorAccessFilter(AgentProperties properties,
			AuthFailureLimiter authFailures, HealthPaths healthPaths, ObjectProvider<JsonMapper> jsonMapper) {
		return FilterRegistrations.requests(new ActuatorAccessFilter(BearerToken.of(properties.getApiToken()),
				authFailures, healthPaths, "the agent's API token", AgentProperties.PREFIX + ".api-token",
				ProblemResponses.answers(AgentAutoConfiguration.jsonMapper(jsonMapper))), 50, "/*");
	}

}
