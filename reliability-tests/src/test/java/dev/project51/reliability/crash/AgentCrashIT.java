package dev.project51.reliability.crash;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.reliability.deployment.ChatLoad;
import dev.project51.reliability.deployment.ReferenceDeployment;
import dev.project51.reliability.deployment.Report;
import dev.project51.reliability.deployment.Transcripts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent process is killed with {@code SIGKILL} in the middle of a load and started
 * again on the same data, as a container runtime or Kubernetes would restart it. The
 * frontend must stay up, say that the agent is unavailable, and serve answers again by
 * itself once the agent is back; no message the agent acknowledged before the crash may
 * be lost.
 */
class AgentCrashIT {

	private static final int BROWSER_USERS = 4;

	private static final int API_USERS = 2;

	private static final int USERS = BROWSER_USERS + API_USERS;

	/**
	 * A breaker that opened (or re-opened after a failed trial) just before the agent was
	 * ready waits its full default duration; 5 s on top for the trial call itself on a
	 * busy machine.
	 */
	private static final Duration RECOVERY_AFTER_READY = CircuitBreakerPolicy.DEFAULT_WAIT_DURATION_IN_OPEN_STATE
		.plusSeconds(5);

	@Test
	void agentKilledUnderLoadComesBackWithEveryAcknowledgedMessage() throws Exception {
		ReferenceDeployment deployment = ReferenceDeployment.shared();
		deployment.provider().heal();
		long frontendPid = deployment.frontend().pid();
		ChatLoad load = ChatLoad.start(deployment, BROWSER_USERS, API_USERS);
		List<ChatLoad.Acknowledged> beforeKill;
		Instant killed;
		Instant restarted;
		Duration agentReady;
		Instant readyAt;
		Instant unavailableSeen;
		Instant healthySeen;
		Instant firstBrowserAnswer;
		try {
			// The users chat for 5 s before the crash.
			Thread.sleep(5_000);
			killed = Instant.now();
			deployment.agent().kill();
			beforeKill = load.acknowledged();
			assertThat(beforeKill).as("answers before the crash").isNotEmpty();

			unavailableSeen = await("the frontend to report the agent unavailable", Duration.ofSeconds(30),
					() -> "unavailable".equals(deployment.frontendStatus()));
			assertThat(deployment.frontend().isReady()).as("the frontend stays ready while the agent is down").isTrue();
			// The supervisor (Docker, Kubernetes) restarts the process after a short
			// delay.
			Thread.sleep(2_000);
			restarted = Instant.now();
			deployment.agent().start();
			agentReady = deployment.agent().awaitReady(Duration.ofSeconds(120));
			Instant ready = Instant.now();
			firstBrowserAnswer = Instant.MAX;
			await("a browser user to get an answer through the frontend again", Duration.ofSeconds(60),
					() -> browserAnswerAfter(load, ready) != null);
			firstBrowserAnswer = browserAnswerAfter(load, ready).at();
			healthySeen = await("the frontend to report the agent healthy", Duration.ofSeconds(30),
					() -> "healthy".equals(deployment.frontendStatus()));
			// Each client finds the agent again on its own: an API client whose circuit
			// breaker opened sends its trial call only when the breaker's wait is over.
			await("every user to get an answer again", RECOVERY_AFTER_READY.plusSeconds(30),
					() -> recoveries(load, ready).size() == USERS);
			// ... and for 3 s more after the recovery.
			Thread.sleep(3_000);
			readyAt = ready;
		}
		finally {
			load.close();
		}

		assertThat(deployment.frontend().pid()).as("the frontend was not restarted").isEqualTo(frontendPid);
		assertThat(deployment.frontend().isAlive()).isTrue();
		List<ChatLoad.Acknowledged> acknowledged = load.acknowledged();
		assertThat(acknowledged.size()).as("answers after the restart").isGreaterThan(beforeKill.size());
		try (AgentClient client = deployment.agentClient()) {
			assertThat(Transcripts.lost(client, acknowledged)).as("acknowledged but lost").isEmpty();
		}
		// A user's outage lasts from the kill until that user's first answer after the
		// restart, and that answer comes at the latest when the client's circuit breaker
		// (at its default wait) lets a trial call through to the ready agent.
		Map<String, Instant> recovered = recoveries(load, readyAt);
		assertThat(recovered).as("users served again after the restart").hasSize(USERS);
		assertThat(recovered).as("each user served again within the breaker's wait after the agent was ready")
			.allSatisfy((user, at) -> assertThat(at).isBefore(readyAt.plus(RECOVERY_AFTER_READY)));
		assertThat(load.failures()).as("failures outside the user's outage")
			.allSatisfy((failure) -> assertThat(failure.at()).isBetween(killed, recovered.get(failure.user())));

		new Report("agent-crash", "Agent killed (SIGKILL) under load and restarted").line(
				"6 users (4 through the frontend, 2 on the agent); the agent was killed after 5 s, restarted 2 s after"
						+ " the frontend reported it unavailable")
			.line("- acknowledged before the kill: " + beforeKill.size() + "; in total: " + acknowledged.size())
			.line("- acknowledged but lost: 0")
			.line("- frontend reported `unavailable` after: "
					+ Report.seconds(Duration.between(killed, unavailableSeen)))
			.line("- agent ready after its restart: " + Report.seconds(agentReady))
			.line("- first answer through the frontend after the agent was ready: "
					+ Report.seconds(Duration.between(restarted.plus(agentReady), firstBrowserAnswer)))
			.line("- every user (browser and API client) served again after the agent was ready: "
					+ Report.seconds(Duration.between(readyAt, Collections.max(recovered.values()))))
			.line("- frontend reported `healthy` after the agent was ready: "
					+ Report.seconds(Duration.between(restarted.plus(agentReady), healthySeen)))
			.line("- failed messages during the outage: " + load.failures().size()
					+ " (users wait 200 ms after a failure)")
			.line("- frontend restarted: no (same pid " + frontendPid + ")")
			.write();
	}

	/**
	 * For each user, when the first message sent after {@code ready} was answered.
	 */
	private static Map<String, Instant> recoveries(ChatLoad load, Instant ready) {
		Map<String, Instant> recovered = new TreeMap<>();
		for (ChatLoad.Acknowledged message : load.acknowledged()) {
			if (message.sent().isAfter(ready)) {
				recovered.merge(message.user(), message.at(), (a, b) -> a.isBefore(b) ? a : b);
			}
		}
		return recovered;
	}

	private static ChatLoad.Acknowledged browserAnswerAfter(ChatLoad load, Instant after) {
		return load.acknowledged()
			.stream()
			.filter((message) -> message.message().startsWith("browser-") && message.sent().isAfter(after))
			.findFirst()
			.orElse(null);
	}

	private static Instant await(String what, Duration timeout, BooleanSupplier condition) {
		Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
		return Instant.now();
	}

}
