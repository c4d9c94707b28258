package dev.project51.frontend.chat.internal;

import java.util.List;
import java.util.Set;

import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.AgentInvalidRequestException;
import dev.project51.agent.client.AgentNotFoundException;
import dev.project51.agent.client.AgentProtocolException;
import dev.project51.agent.client.AgentRateLimitedException;
import dev.project51.agent.client.AgentServerException;
import dev.project51.agent.client.AgentTimeoutException;
import dev.project51.agent.client.AgentUnauthorizedException;
import dev.project51.agent.client.AgentUnavailableException;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.frontend.problem.internal.FrontendProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the agent client's errors into problems for people in the browser. The agent's
 * own explanation is kept when it is written for users (invalid request, busy
 * conversation, rate limit, no model, timeout); other failures get a sentence of our own,
 * and never a stack trace, a URL of the agent or a secret.
 */
final class AgentProblems {

	private static final Logger logger = LoggerFactory.getLogger(AgentProblems.class);

	private static final Set<ProblemType> USER_FACING = Set.of(ProblemType.INVALID_REQUEST,
			ProblemType.PAYLOAD_TOO_LARGE, ProblemType.CONVERSATION_BUSY, ProblemType.RATE_LIMITED,
			ProblemType.MODELS_UNAVAILABLE, ProblemType.TIMEOUT, ProblemType.ANSWER_INTERRUPTED);

	private AgentProblems() {
	}

	static ProblemDetail from(AgentClientException ex, String instance) {
		ProblemDetail agentProblem = ex.problem().orElse(null);
		ProblemType agentType = ex.problemType().orElse(null);
		if (agentType == ProblemType.ANSWER_INTERRUPTED) {
			// One problem for every layer that notices, word for word.
			return ProblemDetail.answerInterrupted(instance);
		}
		if (ex instanceof AgentRateLimitedException rateLimited) {
			long seconds = RetryAfter.seconds(rateLimited.retryAfter());
			return problem(ProblemType.RATE_LIMITED,
					userDetail(agentProblem, agentType,
							"The assistant is receiving too many messages. Try again in " + seconds + " s."),
					instance)
				.withRetryAfterSeconds(seconds);
		}
		if (ex instanceof AgentInvalidRequestException) {
			ProblemType type = (agentType != null) ? agentType : ProblemType.INVALID_REQUEST;
			ProblemDetail problem = problem(type,
					userDetail(agentProblem, agentType, "The assistant did not accept this message."), instance);
			return (agentProblem != null) ? problem.withErrors(agentProblem.errors()) : problem;
		}
		if (ex instanceof AgentNotFoundException) {
			return problem(ProblemType.NOT_FOUND, "This conversation does not exist any more.", instance);
		}
		if (ex instanceof AgentTimeoutException) {
			return problem(ProblemType.TIMEOUT,
					userDetail(agentProblem, agentType,
							"The assistant took too long to answer. Try again; a shorter question may help."),
					instance);
		}
		if (ex instanceof AgentUnavailableException) {
			if (agentType == ProblemType.MODELS_UNAVAILABLE) {
				return problem(agentType, userDetail(agentProblem, agentType, ""), instance);
			}
			return new ProblemDetail(FrontendProblemTypes.AGENT_UNREACHABLE, "Assistant unreachable", 503,
					"The assistant can't be reached right now. This page reconnects by itself; try again in a moment.",
					instance, null, List.of());
		}
		if (ex instanceof AgentUnauthorizedException) {
			logger
				.error("The agent refused the frontend's credentials (HTTP {}); set project51.frontend.agent.api-token"
						+ " (or AGENT_API_TOKEN) to the agent's token", ex.status());
			return new ProblemDetail(FrontendProblemTypes.AGENT_REFUSED_CREDENTIALS, "Assistant refused this site", 502,
					"The assistant refused this site's credentials. An operator needs to check the agent token.",
					instance, null, List.of());
		}
		if (ex instanceof AgentProtocolException) {
			logger.warn("Unreadable answer from the agent: {}", ex.getMessage());
			return new ProblemDetail(FrontendProblemTypes.AGENT_PROTOCOL, "Unreadable answer", 502,
					"The assistant sent an answer this site could not read. Try again.", instance, null, List.of());
		}
		if (agentType != null && USER_FACING.contains(agentType)) {
			return problem(agentType, userDetail(agentProblem, agentType, agentType.title()), instance);
		}
		if (!(ex instanceof AgentServerException)) {
			logger.warn("Unexpected agent client error: {}", ex.toString());
		}
		return new ProblemDetail(ProblemType.INTERNAL.uri(), "Assistant failed", 502,
				"The assistant ran into a problem while answering. Try again.", instance, null, List.of());
	}

	/**
	 * Whether the agent itself ended the answer as interrupted.
	 * @param ex the failure
	 * @return {@code true} for the agent's {@code answer-interrupted} problem
	 */
	static boolean isAnswerInterrupted(AgentClientException ex) {
		return ex.problemType().filter(ProblemType.ANSWER_INTERRUPTED::equals).isPresent();
	}

	static ProblemDetail problem(ProblemType type, String detail, String instance) {
		return ProblemDetail.of(type, detail, instance);
	}

	private static String userDetail(ProblemDetail agentProblem, ProblemType agentType, String fallback) {
		if (agentProblem != null && agentType != null && USER_FACING.contains(agentType)
				&& agentProblem.detail() != null && !agentProblem.detail().isBlank()) {
			return agentProblem.detail();
		}
		if (!fallback.isEmpty()) {
			return fallback;
		}
		return "None of the assistant's models can answer right now. It retries them by itself; try again soon.";
	}

}
