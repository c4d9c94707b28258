package dev.project51.agent.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Fault;
import dev.project51.testsupport.providers.Protocol;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A load generator (not a test): an agent at the default failover settings whose primary
 * model is a local fake OpenAI server answering in 50 ms, a fixed number of clients
 * sending chat messages in a loop, and a primary outage in the middle: HTTP 500 on every
 * call ({@code error}) or no answer at all ({@code hang}). Reports throughput, latency,
 * which model answered, errors, when the first fallback answer came, when the primary's
 * circuit opened, and when the primary served again after healing, as Markdown. The only
 * departure from the defaults is the rate limit, off, because every client shares one
 * address.
 * <p>
 * Run: {@code mvn -pl agent-starter test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.project51.agent.bench.FailoverLoadGenerator -Dexec.args="8 15 docs/benchmark-history.md hang"}
 * (clients, seconds per phase, optional file to append the report to or {@code -},
 * fault). Traffic goes to 127.0.0.1 only and stops by itself.
 */
public final class FailoverLoadGenerator {

	private static final JsonMapper JSON = JsonMapper.shared();

	private FailoverLoadGenerator() {
	}

	public static void main(String[] args) throws Exception {
		int clients = (args.length > 0) ? Integer.parseInt(args[0]) : 8;
		Duration phase = Duration.ofSeconds((args.length > 1) ? Integer.parseInt(args[1]) : 10);
		Path report = (args.length > 2 && !args[2].equals("-")) ? Path.of(args[2]) : null;
		boolean hang = (args.length > 3) && args[3].equals("hang");
		Path data = Files.createTempDirectory("agent-bench");
		try (FakeProvider primary = FakeProvider.start(Protocol.OPENAI, "The primary model answers.");
				AgentApp app = AgentApp.start(data, List.of(), AgentApp.firstModel(primary, "primary", "fake",
						"project51.agent.limits.rate-limit.enabled=false", "logging.level.dev.project51=ERROR"))) {
			primary.failAlways(Fault.delay(Duration.ofMillis(50)));
			List<Sample> samples = new CopyOnWriteArrayList<>();
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			Instant start = Instant.now();
			Instant outage = start.plus(phase);
			Instant heal = outage.plus(phase);
			Instant end = heal.plus(phase);
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			for (int c = 0; c < clients; c++) {
				pool.execute(() -> {
					while (Instant.now().isBefore(end)) {
						samples.add(send(http, app.baseUrl()));
					}
				});
			}
			List<Instant> opened = new CopyOnWriteArrayList<>();
			Thread watcher = new Thread(() -> {
				while (Instant.now().isBefore(end)) {
					try {
						HttpResponse<String> models = http.send(
								HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/models")).build(),
								HttpResponse.BodyHandlers.ofString());
						if (JSON.readTree(models.body()).get(0).path("state").asString().equals("OPEN")) {
							opened.add(Instant.now());
						}
						Thread.sleep(50);
					}
					catch (IOException ex) {
						// the next poll tells
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "circuit-watcher");
			watcher.setDaemon(true);
			watcher.start();
			sleepUntil(outage);
			primary.failAlways(hang ? Fault.hangBeforeHeaders() : Fault.status(500));
			sleepUntil(heal);
			primary.failAlways(Fault.delay(Duration.ofMillis(50)));
			pool.shutdown();
			pool.awaitTermination(phase.toSeconds() + 30, TimeUnit.SECONDS);
			String markdown = report(samples, clients, phase, start, outage, heal, end, hang,
					opened.stream().filter((at) -> !at.isBefore(outage)).min(Comparator.naturalOrder()).orElse(null));
			System.out.println(markdown);
			if (report != null) {
				Files.writeString(report, markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
		}
	}

	private static Sample send(HttpClient http, String baseUrl) {
		long begin = System.nanoTime();
		Instant at = Instant.now();
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/chat"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"How do I roll back a release?\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			long nanos = System.nanoTime() - begin;
			String model = null;
			if (response.statusCode() == 200) {
				JsonNode reply = JSON.readTree(response.body());
				model = reply.path("model").asString();
			}
			return new Sample(at, nanos, response.statusCode(), model);
		}
		catch (IOException ex) {
			return new Sample(at, System.nanoTime() - begin, -1, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Sample(at, System.nanoTime() - begin, -1, null);
		}
	}

	private static String report(List<Sample> samples, int clients, Duration phase, Instant start, Instant outage,
			Instant heal, Instant end, boolean hang, Instant opened) {
		String fault = hang ? "primary hanging (no answer at all)" : "primary failing (HTTP 500)";
		StringBuilder md = new StringBuilder();
		md.append("\n### Outage: ").append(fault).append("\n\n");
		md.append(String.format(Locale.ROOT,
				"Load generator `FailoverLoadGenerator` (agent-starter tests), %d clients in a loop on "
						+ "`POST /api/v1/chat`, %d s per phase, primary = local fake OpenAI server answering in 50 ms, "
						+ "fallback = the local model, every failover setting at its default (rate limit off); run on "
						+ "%s, %d cores.\n\n",
				clients, phase.toSeconds(), Instant.now().toString().substring(0, 10),
				Runtime.getRuntime().availableProcessors()));
		md.append(
				"| phase | requests | req/s | p50 ms | p95 ms | p99 ms | errors | answered by primary | by local |\n");
		md.append("|---|---|---|---|---|---|---|---|---|\n");
		row(md, "healthy", samples, start, outage);
		row(md, fault, samples, outage, heal);
		row(md, "primary healed", samples, heal, end);
		Instant firstLocal = samples.stream()
			.filter((s) -> !s.at.isBefore(outage) && "local".equals(s.model))
			.map((s) -> s.at.plusNanos(s.nanos))
			.min(Comparator.naturalOrder())
			.orElse(null);
		Instant firstPrimaryAgain = samples.stream()
			.filter((s) -> !s.at.isBefore(heal) && "primary".equals(s.model))
			.map((s) -> s.at.plusNanos(s.nanos))
			.min(Comparator.naturalOrder())
			.orElse(null);
		md.append("\n");
		md.append("- first answer from `local` after the outage began: ")
			.append((firstLocal != null) ? Duration.between(outage, firstLocal).toMillis() + " ms" : "none")
			.append("\n");
		md.append("- the primary's circuit open after the outage began: ")
			.append((opened != null) ? Duration.between(outage, opened).toMillis() + " ms" : "never")
			.append("\n");
		md.append("- first answer from `primary` after it healed: ")
			.append((firstPrimaryAgain != null) ? Duration.between(heal, firstPrimaryAgain).toMillis()
					+ " ms (the next background probe, every 5 s, closes the circuit)" : "none")
			.append("\n");
		md.append("- failed requests over the whole run: ")
			.append(samples.stream().filter((s) -> s.status != 200).count())
			.append(" of ")
			.append(samples.size())
			.append("\n");
		return md.toString();
	}

	private static void row(StringBuilder md, String name, List<Sample> all, Instant from, Instant to) {
		List<Sample> samples = all.stream().filter((s) -> !s.at.isBefore(from) && s.at.isBefore(to)).toList();
		List<Long> millis = new ArrayList<>(samples.stream().map((s) -> s.nanos / 1_000_000).sorted().toList());
		double seconds = Duration.between(from, to).toMillis() / 1000.0;
		md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %d | %d | %d | %d | %d |\n", name, samples.size(),
				samples.size() / seconds, percentile(millis, 50), percentile(millis, 95), percentile(millis, 99),
				samples.stream().filter((s) -> s.status != 200).count(),
				samples.stream().filter((s) -> "primary".equals(s.model)).count(),
				samples.stream().filter((s) -> "local".equals(s.model)).count()));
	}

	private static long percentile(List<Long> sorted, int percentile) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		long millis = Duration.between(Instant.now(), instant).toMillis();
		if (millis > 0) {
			Thread.sleep(millis);
		}
	}

	private record Sample(Instant at, long nanos, int status, String model) {

	}

}
