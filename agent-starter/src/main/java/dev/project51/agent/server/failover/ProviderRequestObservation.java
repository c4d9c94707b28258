package dev.project51.agent.server.failover;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.http.client.HttpRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The observation of one exchange of the {@link ProviderHttpClient} with a provider
 * ({@code project51.agent.provider.request}, a client span below the model attempt that
 * made it). Starting it propagates the trace context into the request's headers (W3C
 * {@code traceparent} with Micrometer Tracing), so that a provider that traces, or a
 * proxy in front of it, continues the agent's trace. The span names the method, host and
 * status, never the URL's query or the body.
 */
final class ProviderRequestObservation {

	static final String NAME = "project51.agent.provider.request";

	private final Observation observation;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private ProviderRequestObservation(Observation observation) {
		this.observation = observation;
	}

	/**
	 * Starts the observation of an exchange about to be sent with the given builder,
	 * below the model attempt running on this thread, if any.
	 * @param request the request
	 * @param builder the JDK request being built: the trace headers are set on it
	 * @return the started observation
	 */
	static ProviderRequestObservation start(HttpRequest request, java.net.http.HttpRequest.Builder builder) {
		ModelCall call = ModelCall.current();
		ObservationRegistry registry = (call != null) ? call.observations() : ObservationRegistry.NOOP;
		if (registry.isNoop()) {
			return new ProviderRequestObservation(Observation.NOOP);
		}
		SenderContext<java.net.http.HttpRequest.Builder> context = new SenderContext<>(
				(carrier, key, value) -> carrier.setHeader(key, value), Kind.CLIENT);
		context.setCarrier(builder);
		URI uri = URI.create(request.url());
		String host = (uri.getHost() != null) ? uri.getHost() : "unknown";
		context.setRemoteServiceAddress(uri.getScheme() + "://" + uri.getRawAuthority());
		String method = request.method().name();
		Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
			.contextualName(method + " " + host)
			.lowCardinalityKeyValue("http.request.method", method)
			.lowCardinalityKeyValue("server.address", host)
			.parentObservation(call.observation());
		observation.start();
		return new ProviderRequestObservation(observation);
	}

	/**
	 * The provider answered with this status (its body may still be streaming).
	 * @param status the HTTP status
	 */
	void status(int status) {
		this.observation.lowCardinalityKeyValue("http.response.status_code", Integer.toString(status));
	}

	/**
	 * Ends the observation; later calls do nothing.
	 * @param outcome {@code success}, {@code failure} or {@code cancelled}
	 * @param failure what failed, may be {@code null}
	 */
	void stop(String outcome, Throwable failure) {
		if (!this.stopped.compareAndSet(false, true)) {
			return;
		}
		this.observation.lowCardinalityKeyValue("outcome", outcome);
		if (failure != null) {
			this.observation.error(new AttemptObservations.AttemptFailure(Failures.describe(failure)));
		}
		this.observation.stop();
	}

}
