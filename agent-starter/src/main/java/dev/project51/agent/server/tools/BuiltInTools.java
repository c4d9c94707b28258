package dev.project51.agent.server.tools;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import dev.langchain4j.agent.tool.Tool;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.server.failover.ModelChain;

/**
 * The agent's built-in tools: the current time, and the live status of the failover
 * chain. They are offered to every model, the offline local one included.
 *
 * @since 0.1.0
 */
public class BuiltInTools {

	private final Clock clock;

	private final ModelChain chain;

	/**
	 * Creates the tools.
	 * @param clock the clock of {@link #currentTime()}
	 * @param chain the chain reported by {@link #systemStatus()}
	 */
	public BuiltInTools(Clock clock, ModelChain chain) {
		this.clock = clock;
		this.chain = chain;
	}

	/**
	 * The current date and time.
	 * @return the time in ISO-8601, with its zone
	 */
	@Tool(name = "currentTime", value = "Returns the current date and time of the agent server (ISO-8601, UTC)")
	public String currentTime() {
		return ZonedDateTime.now(this.clock).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	/**
	 * The live status of the failover chain, one line per model.
	 * @return the status as Markdown list
	 */
	@Tool(name = "systemStatus",
			value = "Returns the live system status of this agent: every model of its failover chain in order, "
					+ "with its circuit breaker state (CLOSED, OPEN or HALF_OPEN), calls, failures and last error")
	public String systemStatus() {
		StringBuilder status = new StringBuilder(
				this.chain.isAvailable() ? "The agent is ready." : "No model can take calls right now.");
		status.append(" Failover chain, in order:\n");
		for (ModelStatus model : this.chain.statuses()) {
			status.append("\n- ").append(model.summary());
		}
		return status.toString();
	}

}
