package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

import dev.project51.agent.contract.AgentApi;

import org.springframework.validation.Errors;

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

	private static final String PREFIX = "project51.agent.";

	private TimeoutBudget() {
	}

	static void validate(AgentProperties properties, Errors errors) {
		FailoverProperties failover = properties.getFailover();
		ChatProperties chat = properties.getChat();
		long remote = properties.getModels().stream().filter(ModelProperties::isEnabled).count();
		Duration firstToken = failover.getFirstTokenTimeout();
		Duration path = firstToken.multipliedBy(remote).plus(LOCAL_MODEL_ALLOWANCE);
		String pathText = remote + " remote model" + ((remote == 1) ? "" : "s") + " x " + PREFIX
				+ "failover.first-token-timeout (" + text(firstToken) + ") + " + text(LOCAL_MODEL_ALLOWANCE)
				+ " for the local model = " + text(path);
		longerThan(errors, "chat.timeout", chat.getTimeout(), "the failover path, " + pathText, path,
				"failover.first-token-timeout");
		longerThan(errors, "chat.streamTimeout", chat.getStreamTimeout(), "the failover path, " + pathText, path,
				"failover.first-token-timeout");
		longerThan(errors, "chat.streamTimeout", chat.getStreamTimeout(),
				PREFIX + "failover.idle-timeout (" + text(failover.getIdleTimeout()) + ")", failover.getIdleTimeout(),
				"failover.idle-timeout");
		Duration slow = failover.getCircuitBreaker().getSlowCallDurationThreshold();
		if (slow.compareTo(firstToken) > 0) {
			errors.rejectValue("failover.circuitBreaker.slowCallDurationThreshold", "budget",
					"must be at most " + PREFIX + "failover.first-token-timeout (" + text(firstToken) + "), but was "
							+ text(slow) + ": a call whose first token comes later has already failed over; lower "
							+ PREFIX + "failover.circuit-breaker.slow-call-duration-threshold");
		}
		Duration heartbeat = chat.getStreamHeartbeat();
		if (heartbeat.compareTo(AgentApi.MAX_KEEP_ALIVE_INTERVAL) > 0) {
			errors.rejectValue("chat.streamHeartbeat", "budget",
					"must be at most " + text(AgentApi.MAX_KEEP_ALIVE_INTERVAL)
							+ " (clients treat a stream silent for longer as dead), but was " + text(heartbeat));
		}
	}

	private static void longerThan(Errors errors, String field, Duration value, String what, Duration bound,
			String otherProperty) {
		if (value.compareTo(bound) <= 0) {
			errors.rejectValue(field, "budget", "must be longer than " + what + ", but was " + text(value) + "; raise "
					+ PREFIX + kebab(field) + " or lower " + PREFIX + otherProperty);
		}
	}

	private static String kebab(String field) {
		return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static String text(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
