package dev.project51.frontend.problem.internal;

import dev.project51.agent.contract.ProblemType;

/**
 * The problem types of the frontend's own API besides the agent contract's
 * ({@link ProblemType}), under the same prefix ({@link ProblemType#URI_PREFIX}); listed
 * in docs/frontend.md.
 */
public final class FrontendProblemTypes {

	/** A state-changing request came from another site (403). */
	public static final String CROSS_ORIGIN_REQUEST = ProblemType.URI_PREFIX + "cross-origin-request";

	/** The agent cannot be reached at all (503). */
	public static final String AGENT_UNREACHABLE = ProblemType.URI_PREFIX + "agent-unreachable";

	/** The agent refuses the frontend's token (502). */
	public static final String AGENT_REFUSED_CREDENTIALS = ProblemType.URI_PREFIX + "agent-refused-credentials";

	/** An answer of the agent the frontend could not read (502). */
	public static final String AGENT_PROTOCOL = ProblemType.URI_PREFIX + "agent-protocol";

	private FrontendProblemTypes() {
	}

}
