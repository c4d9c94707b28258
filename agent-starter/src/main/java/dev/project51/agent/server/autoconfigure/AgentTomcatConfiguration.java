package dev.project51.agent.server.autoconfigure;

import dev.project51.agent.server.problem.internal.AgentErrorReportValve;
import dev.project51.server.internal.connector.ConnectorGuards;
import dev.project51.server.internal.connector.TomcatBaseDirectory;
import dev.project51.server.internal.http.ProblemErrorReportValveCustomizer;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Problem answers also for requests that Tomcat refuses before the application runs;
 * deadlines for request heads and bodies, and a bound on the connections of one address.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ ErrorReportValve.class, ConfigurableTomcatWebServerFactory.class })
class AgentTomcatConfiguration {

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
		return new ProblemErrorReportValveCustomizer(AgentErrorReportValve::new);
	}

	@Bean
	@ConditionalOnMissingBean(name = "agentTomcatBaseDirectory")
	TomcatBaseDirectory agentTomcatBaseDirectory() {
		return new TomcatBaseDirectory("project51-agent-");
	}

}
