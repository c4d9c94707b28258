package dev.project51.agent.server.problem.internal;

import dev.project51.server.internal.http.ProblemErrorReportValve;

/**
 * The agent's {@link ProblemErrorReportValve}: problems name the agent.
 *
 * @since 0.1.0
 */
public class AgentErrorReportValve extends ProblemErrorReportValve {

	/**
	 * Creates the valve (Tomcat creates it by class name, too).
	 */
	public AgentErrorReportValve() {
		super("agent");
	}

}
