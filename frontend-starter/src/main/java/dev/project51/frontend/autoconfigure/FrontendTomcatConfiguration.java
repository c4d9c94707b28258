package dev.project51.frontend.autoconfigure;

import dev.project51.frontend.security.internal.FrontendErrorReportValve;
import dev.project51.server.internal.connector.ConnectorGuards;
import dev.project51.server.internal.connector.TomcatBaseDirectory;
import dev.project51.server.internal.http.ProblemErrorReportValveCustomizer;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Problem answers also for requests that Tomcat refuses before the application runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ ErrorReportValve.class, ConfigurableTomcatWebServerFactory.class })
class FrontendTomcatConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "project51ErrorReportValveCustomizer")
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> project51ErrorReportValveCustomizer() {
		return new ProblemErrorReportValveCustomizer(FrontendErrorReportValve::new);
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
