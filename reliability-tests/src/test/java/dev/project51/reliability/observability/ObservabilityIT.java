package dev.project51.reliability.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.reliability.deployment.ReferenceDeployment;
import dev.project51.testsupport.providers.Fault;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator's Prometheus scrapes from the reference deployment's own jars: after a
 * fault injected at the default failover settings, the agent's
 * {@code /actuator/prometheus} shows exactly the failovers and circuit transitions that
 * happened (counted independently: the answers' model, the fake provider's requests and
 * the agent's log), and every query of the generated dashboard and alert rules names a
 * metric that the running applications export (or one of kube-state-metrics, named
 * below).
 */
class ObservabilityIT {

	/**
	 * Series the dashboard and the alerts read from kube-state-metrics, not from the
	 * applications.
	 */
	private static final Set<String> KUBE_STATE_METRICS = Set.of("kube_pod_status_ready",
			"kube_pod_container_status_restarts_total");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final ReferenceDeployment deployment = ReferenceDeployment.shared();

	@Test
	void scrapedMetricsShowExactlyTheFailoversAndCircuitTransitionsThatHappened() {
		String before = scrape(this.deployment.agent().uri("/actuator/prometheus"));
		int opened = count(this.deployment.agent().logTail(1_000_000), "Circuit of model 'primary' opened");
		int closed = count(this.deployment.agent().logTail(1_000_000), "Circuit of model 'primary' closed");
		this.deployment.provider().resetCount();
		this.deployment.provider().failAlways(Fault.status(500));
		AtomicInteger degraded = new AtomicInteger();
		try (AgentClient client = this.deployment.agentClient()) {
			for (int i = 0; i < 4; i++) {
				ChatReply reply = client.chat(ChatRequest.of("What happens when a model fails?"));
				assertThat(reply.model()).isEqualTo("local");
				degraded.addAndGet(reply.degraded() ? 1 : 0);
			}
			int failedRequests = this.deployment.provider().requests();
			String open = scrape(this.deployment.agent().uri("/actuator/prometheus"));
			assertThat(value(open, "project51_agent_model_circuit_state", "model=\"primary\"")).isEqualTo(2);

			this.deployment.provider().heal();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
				ChatReply reply = client.chat(ChatRequest.of("What is Project51?"));
				degraded.addAndGet(reply.degraded() ? 1 : 0);
				return "primary".equals(reply.model());
			});
			String after = scrape(this.deployment.agent().uri("/actuator/prometheus"));
			String log = this.deployment.agent().logTail(1_000_000);

			assertThat(delta(before, after, "project51_agent_model_failovers_total", "from=\"primary\",to=\"local\""))
				.as("a failover for each answer the fallback gave")
				.isEqualTo(degraded.get())
				.isGreaterThanOrEqualTo(4);
			assertThat(delta(before, after, "project51_agent_chat_turns_total",
					"api=\"v1\",mode=\"blocking\",outcome=\"degraded\""))
				.isEqualTo(degraded.get());
			assertThat(delta(before, open, "project51_agent_model_failures_total",
					"kind=\"server-error\",model=\"primary\""))
				.as("a failure for each request the provider failed")
				.isEqualTo(failedRequests);
			assertThat(delta(before, after, "project51_agent_model_circuit_transitions_total",
					"from=\"closed\",model=\"primary\",to=\"open\""))
				.as("the circuit opened as often as the agent logged it")
				.isEqualTo(count(log, "Circuit of model 'primary' opened") - opened)
				.isEqualTo(1);
			assertThat(delta(before, after, "project51_agent_model_circuit_transitions_total",
					"from=\"open\",model=\"primary\",to=\"closed\""))
				.as("and closed as often")
				.isEqualTo(count(log, "Circuit of model 'primary' closed") - closed)
				.isEqualTo(1);
			assertThat(delta(before, after, "project51_agent_model_probes_total",
					"model=\"primary\",outcome=\"recovered\""))
				.isEqualTo(1);
			assertThat(value(after, "project51_agent_model_circuit_state", "model=\"primary\"")).isZero();
		}
		finally {
			this.deployment.provider().heal();
		}
	}

	@Test
	void everyQueryOfTheDashboardAndTheAlertsNamesAnExportedMetric() throws IOException, InterruptedException {
		// Traffic that creates every series the queries read: a relayed answer, a
		// rejected request.
		this.deployment.frontendChat().send(null, "How do I roll back a release?", Duration.ofSeconds(30));
		HttpResponse<String> rejected = send(HttpRequest.newBuilder(this.deployment.agent().uri("/api/v1/models"))
			.header("Authorization", "Bearer wrong")
			.build());
		assertThat(rejected.statusCode()).isEqualTo(401);
		try (AgentClient client = this.deployment.agentClient()) {
			this.deployment.provider().enqueue(Fault.unauthorized());
			client.chat(ChatRequest.of("What is Project51?"));
		}
		finally {
			this.deployment.provider().heal();
		}
		Set<String> exported = new TreeSet<>();
		exported.addAll(names(scrape(this.deployment.agent().uri("/actuator/prometheus"))));
		exported.addAll(names(scrape(this.deployment.frontend().uri("/actuator/prometheus"))));
		assertThat(exported).contains("project51_agent_model_circuit_state", "project51_frontend_agent_status");

		Path observability = ReferenceDeployment.root().resolve("observability");
		List<String> queries = new ArrayList<>();
		JsonNode dashboard = JsonMapper.shared()
			.readTree(Files.readString(observability.resolve("grafana-dashboard.json")));
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asString());
			}
		}
		assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
		JsonNode rules = YAMLMapper.shared().readTree(Files.readString(observability.resolve("alerts.yml")));
		for (JsonNode group : rules.path("groups")) {
			for (JsonNode rule : group.path("rules")) {
				queries.add(rule.path("expr").asString());
			}
		}
		for (String query : queries) {
			Set<String> metrics = PromQl.metricNames(query);
			assertThat(metrics).as("metrics of %s", query).isNotEmpty();
			for (String metric : metrics) {
				assertThat(exported.contains(metric) || KUBE_STATE_METRICS.contains(metric))
					.as("%s (in %s) is exported by the applications or kube-state-metrics", metric, query)
					.isTrue();
			}
		}
	}

	private String scrape(URI uri) {
		HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri).build());
		assertThat(anonymous.statusCode()).as("the endpoint needs the token").isEqualTo(401);
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + this.deployment.token()).build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("Could not reach " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The metric names of a scrape: every sample line's name. */
	static Set<String> names(String scrape) {
		Set<String> names = new TreeSet<>();
		scrape.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			Matcher matcher = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(line);
			if (matcher.find()) {
				names.add(matcher.group(1));
			}
		});
		return names;
	}

	/**
	 * The sum of the series of a metric whose labels contain the given ones (in
	 * Prometheus' order, which is alphabetical); 0 when there is none.
	 */
	static double value(String scrape, String metric, String labels) {
		return scrape.lines()
			.filter((line) -> line.startsWith(metric + "{") && line.contains(labels))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static int delta(String before, String after, String metric, String labels) {
		return (int) Math.round(value(after, metric, labels) - value(before, metric, labels));
	}

	private static int count(String text, String fragment) {
		return (int) text.lines().filter((line) -> line.contains(fragment)).count();
	}

}
