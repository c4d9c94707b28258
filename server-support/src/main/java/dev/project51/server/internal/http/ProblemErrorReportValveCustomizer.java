package dev.project51.server.internal.http;

import java.util.function.Supplier;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Installs a server's {@link ProblemErrorReportValve} in every Tomcat context, after
 * Spring Boot installed its own error report valve. Each starter registers one with its
 * own valve.
 */
public final class ProblemErrorReportValveCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final Supplier<? extends ProblemErrorReportValve> valves;

	/**
	 * Creates the customizer.
	 * @param valves creates the server's valve, e.g. {@code AgentErrorReportValve::new}
	 */
	public ProblemErrorReportValveCustomizer(Supplier<? extends ProblemErrorReportValve> valves) {
		this.valves = valves;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> ProblemErrorReportValve.install(context, this.valves));
	}

	@Override
	public int getOrder() {
		// After Spring Boot's own customizer, which installs its error report valve.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
