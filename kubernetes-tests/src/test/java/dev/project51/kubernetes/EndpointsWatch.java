package dev.project51.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.project51.kubernetes.testing.ControlPlane;

/**
 * Watches the EndpointSlices of a Service with {@code kubectl get --watch} and records,
 * after every change the API server sends, how many endpoints are ready: every update is
 * seen, not samples of them.
 */
public final class EndpointsWatch implements AutoCloseable {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final Process process;

	private final Thread reader;

	private final List<Integer> readyCounts = new ArrayList<>();

	private final Map<String, Integer> readyBySlice = new HashMap<>();

	private volatile IOException failure;

	private EndpointsWatch(Process process) {
		this.process = process;
		this.reader = new Thread(this::read, "endpoints-watch");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Starts watching the EndpointSlices of a Service.
	 * @param controlPlane the control plane
	 * @param namespace the namespace
	 * @param service the Service
	 * @return the running watch
	 * @throws IOException if kubectl cannot be started
	 */
	public static EndpointsWatch start(ControlPlane controlPlane, String namespace, String service) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(controlPlane.binDirectory().resolve("kubectl").toString(),
				"--kubeconfig", controlPlane.kubeconfig().toString(), "get", "endpointslices", "--namespace", namespace,
				"--selector", "kubernetes.io/service-name=" + service, "--watch", "--output-watch-events", "-o", "json")
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		EndpointsWatch watch = new EndpointsWatch(builder.start());
		ControlPlane.await("the first EndpointSlice event", java.time.Duration.ofSeconds(30),
				() -> !watch.readyCounts().isEmpty());
		return watch;
	}

	private void read() {
		try (InputStream in = this.process.getInputStream();
				MappingIterator<JsonNode> events = MAPPER.readerFor(JsonNode.class).readValues(in)) {
			while (events.hasNextValue()) {
				JsonNode event = events.nextValue();
				JsonNode slice = event.path("object");
				String name = slice.path("metadata").path("name").asText();
				int ready = 0;
				if (!"DELETED".equals(event.path("type").asText())) {
					for (JsonNode endpoint : slice.path("endpoints")) {
						JsonNode conditions = endpoint.path("conditions");
						if (conditions.path("ready").asBoolean(false)
								&& !conditions.path("terminating").asBoolean(false)) {
							ready++;
						}
					}
				}
				synchronized (this) {
					this.readyBySlice.put(name, ready);
					this.readyCounts.add(this.readyBySlice.values().stream().mapToInt(Integer::intValue).sum());
				}
			}
		}
		catch (IOException ex) {
			if (this.process.isAlive()) {
				this.failure = ex;
			}
		}
	}

	/**
	 * Returns the number of ready endpoints after each change seen so far.
	 * @return the ready counts, oldest first
	 */
	public synchronized List<Integer> readyCounts() {
		return List.copyOf(this.readyCounts);
	}

	/**
	 * Stops watching and returns the ready counts.
	 * @return the ready counts after each change, oldest first
	 * @throws IOException if reading the watch failed
	 */
	public List<Integer> stop() throws IOException {
		close();
		if (this.failure != null) {
			throw this.failure;
		}
		return readyCounts();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
			this.reader.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
