package dev.project51.frontend.autoconfigure;

import java.util.Map;

import dev.project51.server.internal.env.StarterDefaults;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Defaults of an application with the frontend starter, at the lowest precedence (Boot's
 * default properties); the application's own configuration overrides each one:
 * <ul>
 * <li>gzip compression of the page and the JSON answers
 * ({@code server.compression.enabled=true}) for the {@link #COMPRESSED_MIME_TYPES} only:
 * never {@code text/event-stream}, since a compressing stream holds tokens back until its
 * buffer fills. The scripts and the style sheet need none of it: the build writes them
 * brotli- and gzip-compressed, and the starter serves those files as they are.</li>
 * <li>Tomcat's timeouts in seconds, not minutes: a connection whose next bytes do not
 * come within 10 s is closed ({@code server.tomcat.connection-timeout=10s}, per read; the
 * whole head and body have deadlines of their own, {@code project51.frontend.limits.*}),
 * an idle keep-alive connection after 60 s ({@code server.tomcat.keep-alive-timeout=60s})
 * and at most 1000 connections ({@code server.tomcat.max-connections=1000}, instead of
 * 8192);</li>
 * <li>the {@code health} and {@code prometheus} actuator endpoints over HTTP (the latter
 * behind the deployment's token), and every trace sampled
 * ({@code management.tracing.sampling.probability=1.0}, as the agent does, so that a
 * message's trace is whole); spans leave the process only when an OTLP endpoint is
 * set;</li>
 * <li>no stack trace when a browser leaves an answer stream: Tomcat logs "Encountered a
 * non-recycled request and recycled it forcedly" with a stack trace at INFO
 * ({@code org.apache.catalina.connector.CoyoteAdapter}) when the connection of an
 * asynchronous answer is released first; its warnings still show.</li>
 * </ul>
 * Nothing is added when {@code project51.frontend.enabled=false}.
 *
 * @since 0.1.0
 */
public class FrontendEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source holding the defaults when the application's default
	 * properties are not a map (otherwise they are merged into Boot's
	 * {@code defaultProperties}, the application's own default properties winning).
	 */
	public static final String PROPERTY_SOURCE_NAME = "project51FrontendDefaults";

	/**
	 * The responses compressed by default: the page, JSON and problems, SVG and text; not
	 * {@code text/event-stream}.
	 */
	public static final String COMPRESSED_MIME_TYPES = "text/html,text/css,text/javascript,application/javascript,"
			+ "application/json,application/problem+json,image/svg+xml,text/plain";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if ("false".equalsIgnoreCase(environment.getProperty(FrontendProperties.PREFIX + ".enabled"))) {
			return;
		}
		Map<String, Object> defaults = StarterDefaults.shared();
		defaults.put("server.compression.enabled", "true");
		defaults.put("server.compression.mime-types", COMPRESSED_MIME_TYPES);
		StarterDefaults.add(environment, defaults, PROPERTY_SOURCE_NAME);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
