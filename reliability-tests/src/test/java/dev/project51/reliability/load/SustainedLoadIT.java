package dev.project51.reliability.load;

import java.time.Duration;
import java.util.List;

import dev.project51.agent.client.AgentClient;
import dev.project51.reliability.deployment.ChatLoad;
import dev.project51.reliability.deployment.ReferenceDeployment;
import dev.project51.reliability.deployment.Report;
import dev.project51.reliability.deployment.Transcripts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sustained load on loopback: browser users through the frontend and API users on the
 * agent, for a fixed time. Nothing may fail, and every acknowledged message must be in
 * the agent's store afterwards.
 */
class SustainedLoadIT {

	private static final Duration LOAD = Duration.ofSeconds(20);

	@Test
	void sustainedLoadHasNoErrorsAndKeepsEveryAcknowledgedMessage() throws Exception {
		ReferenceDeployment deployment = ReferenceDeployment.shared();
		deployment.provider().heal();
		ChatLoad load = ChatLoad.start(deployment, 6, 2);
		Thread.sleep(LOAD.toMillis());
		load.close();

		List<ChatLoad.Acknowledged> acknowledged = load.acknowledged();
		assertThat(load.failures()).as("failures under sustained load").isEmpty();
		assertThat(acknowledged).as("acknowledged messages").hasSizeGreaterThan(40);
		assertThat(acknowledged).extracting(ChatLoad.Acknowledged::model)
			.as("the healthy primary answers everything")
			.containsOnly("primary");
		try (AgentClient client = deployment.agentClient()) {
			assertThat(Transcripts.lost(client, acknowledged)).as("acknowledged but not stored").isEmpty();
		}

		List<Duration> latencies = acknowledged.stream()
			.map((message) -> Duration.between(message.sent(), message.at()))
			.toList();
		new Report("sustained-load", "Sustained load")
			.line("8 users (6 through the frontend's stream, 2 on the agent's chat) for " + Report.seconds(LOAD))
			.line("- acknowledged: " + acknowledged.size()
					+ String.format(java.util.Locale.ROOT, " (%.1f/s)",
							acknowledged.size() / (double) LOAD.toSeconds()))
			.line("- failures: " + load.failures().size())
			.line("- latency p50/p95/p99: " + Report.percentileMillis(latencies, 50) + " / "
					+ Report.percentileMillis(latencies, 95) + " / " + Report.percentileMillis(latencies, 99) + " ms")
			.line("- acknowledged but not stored: 0")
			.write();
	}

}
