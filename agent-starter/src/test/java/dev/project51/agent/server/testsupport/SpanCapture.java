package dev.project51.agent.server.testsupport;

import java.util.List;
import java.util.Objects;

import dev.project51.testsupport.providers.FakeProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Captures the finished spans of every application started with this configuration in
 * this JVM, for the tracing tests (which pick their spans by trace id).
 */
@Configuration(proxyBeanMethods = false)
public class SpanCapture {

	/** The finished spans. */
	public static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

	@Bean
	SpanExporter capturingSpanExporter() {
		return SPANS;
	}

	/**
	 * The traceparent header of each request a provider received ("" where none).
	 * @param provider the provider
	 * @return the headers, in the order of the requests
	 */
	public static List<String> traceparents(FakeProvider provider) {
		return provider.received()
			.stream()
			.map((request) -> Objects.requireNonNullElse(request.header("traceparent"), ""))
			.toList();
	}

}
