package dev.project51.frontend.autoconfigure;

import dev.project51.agent.client.AgentClient;
import dev.project51.frontend.observability.internal.AgentClientObservations;
import dev.project51.frontend.security.internal.ApiProblemFilter;
import dev.project51.frontend.status.AgentStatusService;
import dev.project51.server.internal.http.FilterRegistrations;
import dev.project51.server.internal.observability.CircuitStateGauge;
import dev.project51.server.internal.observability.TraceIdFilter;
import dev.project51.server.internal.security.ActuatorAccessFilter;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.server.internal.security.BearerToken;
import dev.project51.server.internal.security.HealthPaths;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The trace context sent on to the agent, the client's retries and circuit, the agent's
 * status as the page shows it, the {@code X-Request-Id} of every answer, and the actuator
 * behind the token.
 */
@Configuration(proxyBeanMethods = false)
class FrontendObservabilityConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AgentClientObservations agentClientObservations(ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator, ObjectProvider<MeterRegistry> meterRegistry) {
		return new AgentClientObservations(tracer.getIfUnique(), propagator.getIfUnique(), meterRegistry.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean(name = "project51AgentMeters")
	MeterBinder project51AgentMeters(AgentClient agentClient, AgentStatusService agentStatusService) {
		return (registry) -> {
			Gauge
				.builder("project51.frontend.agent.circuit.state", agentClient,
						(client) -> CircuitStateGauge.value(client.circuitState()))
				.description(
						"State of the frontend's circuit breaker in front of the agent: " + CircuitStateGauge.VALUES)
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
	@ConditionalOnMissingFilterBean(TraceIdFilter.class)
	FilterRegistrationBean<TraceIdFilter> project51RequestIdFilter(ObjectProvider<Tracer> tracer) {
		// Right after Spring Boot's observation filter (HIGHEST_PRECEDENCE + 1), which
		// starts the request's span. Every answer carries the trace id as X-Request-Id.
		return FilterRegistrations.requests(new TraceIdFilter(tracer, "X-Request-Id"), 5, "/*");
	}

	@Bean
	@ConditionalOnMissingFilterBean(ActuatorAccessFilter.class)
	FilterRegistrationBean<ActuatorAccessFilter> project51ActuatorAccessFilter(FrontendProperties properties,
			Environment environment, ObjectProvider<AuthFailureLimiter> authFailures, HealthPaths healthPaths) {
		BearerToken token = BearerToken
			.of(FrontendAutoConfiguration.AgentClientConfiguration.token(properties.getAgent(), environment));
		return FilterRegistrations.requests(new ActuatorAccessFilter(token, authFailures.getIfAvailable(), healthPaths,
				"the deployment's token", "AGENT_API_TOKEN", ApiProblemFilter.answers()), 12, "/*");
	}

}
