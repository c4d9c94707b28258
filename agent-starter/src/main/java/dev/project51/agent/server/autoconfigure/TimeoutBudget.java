package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

import dev.project51.agent.contract.AgentApi;
import dev.project51.server.internal.env.PropertyErrors;

import static dev.project51.server.internal.env.PropertyErrors.text;

/**
 * The rule that keeps the agent's timeouts coherent: each outer limit waits longer than
 * everything inside it can take, so that the layer that can heal (the failover chain)
 * always heals before an outer layer gives up. The failover path is every remote model's
 * first-token budget in turn, then the local model; a turn must outlast it. A violation
 * stops the application at start-up with a message naming both properties and values.
 */
final class TimeoutBudget {

	/**
	 * Time allowed to the in-process local model, retrieval included, at the end of the
	 * path.
	 */
	static final Duration LOCAL_MODEL_ALLOWANCE = Duration.ofSeconds(5);

	private TimeoutBudget() {
	}

	static void validate(AgentProperties properties, PropertyErrors problems) {
		FailoverProperties failover = properties.getFailover();
		ChatProperties chat = properties.getChat();
		long remote = properties.getModels().stream().filter(ModelProperties::isEnabled).count();
		Duration firstToken = failover.getFirstTokenTimeout();
		Duration path = firstToken.multipliedBy(remote).plus(LOCAL_MODEL_ALLOWANCE);
		String pathText = remote + " remote model" + ((remote == 1) ? "" : "s") + " x "
				+ problems.name("failover.firstTokenTimeout") + " (" + text(firstToken) + ") + "
				+ text(LOCAL_MODEL_ALLOWANCE) + " for the local model = " + text(path);
		longerThan(problems, "chat.timeout", chat.getTimeout(), "the failover path, " + pathText, path,
				"failover.firstTokenTimeout");
		longerThan(problems, "chat.streamTimeout", chat.getStreamTimeout(), "the failover path, " + pathText, path,
				"failover.firstTokenTimeout");
		longerThan(problems, "chat.streamTimeout", chat.getStreamTimeout(),
				problems.name("failover.idleTimeout") + " (" + text(failover.getIdleTimeout()) + ")",
				failover.getIdleTimeout(), "failover.idleTimeout");
		Duration slow = failover.getCircuitBreaker().getSlowCallDurationThreshold();
		if (slow.compareTo(firstToken) > 0) {
			String field = "failover.circuitBreaker.slowCallDurationThreshold";
			problems.reject(field, "budget",
					"must be at most " + problems.name("failover.firstTokenTimeout") + " (" + text(firstToken)
							+ "), but was " + text(slow)
							+ ": a call whose first token comes later has already failed over. Lower "
							+ problems.name(field) + ".");
		}
		Duration heartbeat = chat.getStreamHeartbeat();
		if (heartbeat.compareTo(AgentApi.MAX_KEEP_ALIVE_INTERVAL) > 0) {
			problems.reject("chat.streamHeartbeat", "budget",
					"must be at most " + text(AgentApi.MAX_KEEP_ALIVE_INTERVAL)
							+ " (clients treat a stream silent for longer as dead), but was " + text(heartbeat) + ".");
		}
	}

	private static void longerThan(PropertyErrors problems, String field, Duration value, String what, Duration bound,
			String otherField) {
		if (value.compareTo(bound) <= 0) {
			problems.reject(field, "budget", "must be longer than " + what + ", but was " + text(value) + ". Raise "
					+ problems.name(field) + " or lower " + problems.name(otherField) + ".");
		}
	}

}
