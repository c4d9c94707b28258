package dev.project51.agent.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One server-sent event of {@code POST /api/v1/chat/stream}. A stream is {@code meta},
 * then {@code token}*, then exactly one of {@code done} or {@code error}. The SSE
 * {@code event:} field carries {@link #name()}; the {@code data:} field carries the
 * record as JSON. Clients ignore events with other names, for forward compatibility.
 *
 * @since 0.1.0
 */
public sealed interface StreamEvent {

	/**
	 * The SSE event name of this event.
	 * @return {@code meta}, {@code token}, {@code done} or {@code error}
	 */
	String name();

	/**
	 * First event: the answering model is known (sent just before its first token; a
	 * failover before the first token is therefore already reflected).
	 *
	 * @param conversationId the conversation id (assigned by the server for a new
	 * conversation)
	 * @param model the model that answers
	 * @param degraded whether it is a fallback model
	 */
	record Meta(String conversationId, String model, boolean degraded) implements StreamEvent {

		/** SSE event name. */
		public static final String NAME = "meta";

		@Override
		public String name() {
			return NAME;
		}

	}

	/**
	 * A piece of the answer, to append to what came before.
	 *
	 * @param text the text piece
	 */
	record Token(String text) implements StreamEvent {

		/** SSE event name. */
		public static final String NAME = "token";

		@Override
		public String name() {
			return NAME;
		}

	}

	/**
	 * Last event of a successful stream.
	 *
	 * @param reply the whole answer
	 * @param model the model that produced it
	 * @param degraded whether a fallback model produced it
	 * @param citations the documents it is based on, never {@code null}
	 * @param latencyMs server-side time to answer, in milliseconds
	 * @param messageId the id of the answer in the conversation's history (see
	 * {@link ConversationMessage#id()}), to rate it with a {@link MessageFeedback};
	 * omitted from JSON when {@code null}
	 */
	record Done(String reply, String model, boolean degraded, List<Citation> citations, long latencyMs,
			@JsonInclude(JsonInclude.Include.NON_NULL) String messageId) implements StreamEvent {

		/** SSE event name. */
		public static final String NAME = "done";

		public Done {
			citations = (citations != null) ? List.copyOf(citations) : List.of();
		}

		/**
		 * The last event of an answer without a message id.
		 * @param reply the whole answer
		 * @param model the model that produced it
		 * @param degraded whether a fallback model produced it
		 * @param citations the documents it is based on
		 * @param latencyMs server-side time to answer, in milliseconds
		 */
		public Done(String reply, String model, boolean degraded, List<Citation> citations, long latencyMs) {
			this(reply, model, degraded, citations, latencyMs, null);
		}

		@Override
		public String name() {
			return NAME;
		}

	}

	/**
	 * Last event of a failed stream (for example the model failed after its first token,
	 * when failing over is no longer possible).
	 *
	 * @param problem what went wrong
	 */
	record Error(ProblemDetail problem) implements StreamEvent {

		/** SSE event name. */
		public static final String NAME = "error";

		@Override
		public String name() {
			return NAME;
		}

	}

}
