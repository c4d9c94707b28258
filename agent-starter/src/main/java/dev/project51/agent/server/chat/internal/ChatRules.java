package dev.project51.agent.server.chat.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.agent.server.failover.ModelStreamException;
import dev.project51.agent.server.failover.ModelsUnavailableException;
import dev.project51.agent.server.memory.ConversationTranscript;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules every chat and conversation request follows, in one place: what a valid id,
 * cursor and message are, the problem each refusal and failure becomes, how conversations
 * are named and answers cut. Stateless.
 */
final class ChatRules {

	private static final Logger logger = LoggerFactory.getLogger(ChatService.class);

	private ChatRules() {
	}

	static String outcomeOf(AgentProblemException problem) {
		return switch (problem.type()) {
			case TIMEOUT -> "timeout";
			case ANSWER_INTERRUPTED -> "interrupted";
			default -> "failed";
		};
	}

	static TurnOutcome outcome(ChatResponse response, TokenUsage usage) {
		if (response == null) {
			return new TurnOutcome(usage, null, List.of());
		}
		AiMessage message = response.aiMessage();
		return new TurnOutcome((usage != null) ? usage : response.tokenUsage(), response.finishReason(),
				(message != null && message.hasToolExecutionRequests()) ? message.toolExecutionRequests() : List.of());
	}

	/**
	 * A new conversation id: {@code c} and 144 random bits from a {@link SecureRandom},
	 * Base64url-encoded (25 characters).
	 */
	static String issueConversationId() {
		byte[] bits = new byte[18];
		RANDOM.nextBytes(bits);
		return "c" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
	}

	/** The title of a conversation: its first message on one line, cut. */
	static String title(String message) {
		String line = message.strip().replaceAll("[\\s\\p{Cntrl}]+", " ");
		if (line.length() <= AgentApi.MAX_TITLE_LENGTH) {
			return line;
		}
		int end = AgentApi.MAX_TITLE_LENGTH - 1;
		if (Character.isHighSurrogate(line.charAt(end - 1))) {
			end--;
		}
		return line.substring(0, end) + "…";
	}

	/**
	 * The same answer for a conversation that does not exist and for someone else's: the
	 * answer tells nothing about other users' conversations.
	 */
	static AgentProblemException notFound(String conversationId) {
		return new AgentProblemException(ProblemType.NOT_FOUND, "There is no conversation '" + conversationId
				+ "'. It may have been deleted; start a new one by sending a message without id.");
	}

	static void validatePage(String cursor, String field, int limit) {
		if (cursor != null && !AgentApi.isValidCursor(cursor)) {
			throw invalidCursor(field);
		}
		if (limit < 1 || limit > AgentApi.MAX_PAGE_SIZE) {
			throw invalid(AgentApi.LIMIT_PARAMETER, "must be between 1 and " + AgentApi.MAX_PAGE_SIZE,
					"The limit must be between 1 and " + AgentApi.MAX_PAGE_SIZE + ", but was " + limit + ".");
		}
	}

	static AgentProblemException invalidCursor(String field) {
		return invalid(field, "must be a cursor returned by the agent", "The cursor '" + field
				+ "' is not one the agent returned; send it back exactly, or omit it for the" + " first page.");
	}

	static void validateConversationId(String conversationId) {
		if (!AgentApi.isValidConversationId(conversationId)) {
			throw invalid("conversationId", "must match " + AgentApi.CONVERSATION_ID.pattern(),
					"The conversation id is malformed: use 1 to 64 letters, digits, '-' or '_', starting with a"
							+ " letter or digit, or omit it to start a new conversation.");
		}
	}

	static AgentProblemException invalid(String field, String reason, String detail) {
		return new AgentProblemException(ProblemType.INVALID_REQUEST, detail,
				List.of(new ProblemDetail.FieldError(field, reason)), null);
	}

	/**
	 * The problem for a failed turn; unexpected failures are logged without stack trace
	 * (it goes to DEBUG) and answered with a generic message.
	 * @param failure the failure
	 * @return the exception to throw or report
	 */
	static AgentProblemException toProblemException(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof ExecutionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof AgentProblemException problem) {
			return problem;
		}
		if (cause instanceof ModelsUnavailableException unavailable) {
			return new AgentProblemException(ProblemType.MODELS_UNAVAILABLE,
					"No model could answer right now; every model of the chain failed or is waiting before its next"
							+ " probe. Retry after " + RetryAfter.seconds(unavailable.retryAfter()) + " s.",
					List.of(), unavailable.retryAfter());
		}
		if (cause instanceof ModelStreamException) {
			return interrupted();
		}
		if (cause instanceof CancellationException) {
			return new AgentProblemException(ProblemType.TIMEOUT, "The answer was cancelled before it completed.");
		}
		logger.error("A turn failed unexpectedly: {}: {}", cause.getClass().getName(), cause.getMessage());
		logger.debug("Stack trace of the failed turn", cause);
		return new AgentProblemException(ProblemType.INTERNAL,
				"The agent failed unexpectedly; the server log has the details.");
	}

	/**
	 * The problem of an answer that stopped after its first token: the same for every
	 * cause, and the same the frontend sends when it notices first.
	 * @return the exception carrying the problem
	 */
	static AgentProblemException interrupted() {
		ProblemDetail problem = ProblemDetail.answerInterrupted(null);
		return new AgentProblemException(ProblemType.ANSWER_INTERRUPTED, problem.detail());
	}

	static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * An answer of at most {@code max} characters: a longer one is cut there and ends
	 * with the marker.
	 */
	static String cut(String answer, int max) {
		if (answer == null || answer.length() <= max) {
			return answer;
		}
		int end = Character.isHighSurrogate(answer.charAt(max - 1)) ? max - 1 : max;
		return answer.substring(0, end) + AgentApi.ANSWER_CUT_MARKER;
	}

	/**
	 * Refuses a conversation that does not exist or belongs to someone else, with the
	 * same answer for both.
	 */
	static void requireOwned(ConversationTranscript transcript, String conversationId, String owner) {
		if (!owner.equals(transcript.owner(conversationId).orElse(null))) {
			throw notFound(conversationId);
		}
	}

	static void validateMessage(String message, String field, int maxLength) {
		if (AgentApi.isBlankMessage(message)) {
			throw invalid(field, "must not be blank", "The message is empty; send some text.");
		}
		if (message.length() > maxLength) {
			throw invalid(field, "must be at most " + maxLength + " characters, but was " + message.length(),
					"The message is too long: at most " + maxLength + " characters are accepted, but it has "
							+ message.length() + ". Shorten it.");
		}
	}

	/**
	 * The conversation a request continues, or a new id: a conversation id is issued by
	 * the server, and one that does not exist or belongs to someone else is not found.
	 */
	static Target target(ChatRequest request, String owner, ConversationTranscript transcript, int maxMessageLength) {
		if (request == null) {
			throw new AgentProblemException(ProblemType.INVALID_REQUEST,
					"The request body is missing; send {\"message\": \"...\"}.");
		}
		validateMessage(request.message(), "message", maxMessageLength);
		String conversationId = request.conversationId();
		if (conversationId == null) {
			return new Target(issueConversationId(), true);
		}
		validateConversationId(conversationId);
		requireOwned(transcript, conversationId, owner);
		return new Target(conversationId, false);
	}

	/** The conversation of a turn, and whether the turn starts it. */
	record Target(String conversationId, boolean isNew) {

	}

}
