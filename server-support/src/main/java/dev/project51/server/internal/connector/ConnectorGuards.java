package dev.project51.server.internal.connector;

import java.time.Duration;

import org.apache.coyote.ProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Selects {@link GuardedHttp11NioProtocol} (unless the application chose another
 * protocol) with the header timeout and the bound per address, adds the body deadline
 * ({@link RequestBodyDeadlineValve}) and lets {@code TRACE} reach the application, whose
 * filter answers it with the path's allowed methods. Each starter registers one with its
 * own properties.
 */
public final class ConnectorGuards implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(ConnectorGuards.class);

	private final Duration headerTimeout;

	private final Duration bodyTimeout;

	private final int maxConnectionsPerAddress;

	private final String propertyPrefix;

	/**
	 * Creates the customizer.
	 * @param headerTimeout the longest a request head may take from its first byte
	 * @param bodyTimeout the longest a request body may take after its head
	 * @param maxConnectionsPerAddress the connections one client address may hold
	 * @param propertyPrefix the starter's prefix of these limits, for the log line that
	 * says they do not apply, e.g. {@code project51.agent.limits}
	 */
	public ConnectorGuards(Duration headerTimeout, Duration bodyTimeout, int maxConnectionsPerAddress,
			String propertyPrefix) {
		this.headerTimeout = headerTimeout;
		this.bodyTimeout = bodyTimeout;
		this.maxConnectionsPerAddress = maxConnectionsPerAddress;
		this.propertyPrefix = propertyPrefix;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		if (factory instanceof TomcatWebServerFactory tomcat) {
			if (TomcatWebServerFactory.DEFAULT_PROTOCOL.equals(tomcat.getProtocol())) {
				tomcat.setProtocol(GuardedHttp11NioProtocol.class.getName());
			}
			else {
				logger.info("Tomcat's protocol is {}: {}.header-timeout and max-connections-per-address do not apply",
						tomcat.getProtocol(), this.propertyPrefix);
			}
		}
		factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<ProtocolHandler>) (handler) -> {
			if (handler instanceof GuardedHttp11NioProtocol guarded) {
				guarded.setHeaderTimeout(this.headerTimeout);
				guarded.setMaxConnectionsPerAddress(this.maxConnectionsPerAddress);
			}
		});
		factory.addConnectorCustomizers((connector) -> connector.setAllowTrace(true));
		factory.addEngineValves(new RequestBodyDeadlineValve(this.bodyTimeout));
	}

	@Override
	public int getOrder() {
		// After Spring Boot's own customizer, which sets the protocol from
		// server.tomcat.* properties.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
