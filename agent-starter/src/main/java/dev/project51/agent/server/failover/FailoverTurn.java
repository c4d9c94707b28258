package dev.project51.agent.server.failover;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.model.chat.request.ChatRequestParameters;

/**
 * One conversation turn as the failover models see it: which model answered, whether it
 * was a fallback, and whether the caller gave up. A turn is bound to the calling thread
 * with {@link #begin()} before the AI service is invoked; the failover models capture it
 * when they are called and carry it into the callbacks of a stream, so the model calls of
 * a tool loop belong to the same turn.
 * <p>
 * Usage: <pre class="code">
 * try (FailoverTurn turn = FailoverTurn.begin()) {
 *     Result&lt;String&gt; result = assistant.chat(id, message);
 *     String model = turn.model().orElseThrow();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class FailoverTurn implements AutoCloseable {

	private static final ThreadLocal<FailoverTurn> CURRENT = new ThreadLocal<>();

	private final List<Runnable> cancelActions = new CopyOnWriteArrayList<>();

	private final String firstModel;

	private final ChatRequestParameters parameters;

	private volatile String model;

	private volatile boolean degraded;

	private volatile boolean cancelled;

	private FailoverTurn(String firstModel, ChatRequestParameters parameters) {
		this.firstModel = firstModel;
		this.parameters = parameters;
	}

	/**
	 * Starts a turn and binds it to the current thread until {@link #close()}.
	 * @return the turn
	 */
	public static FailoverTurn begin() {
		return begin(null, null);
	}

	/**
	 * Starts a turn with per-request choices and binds it to the current thread until
	 * {@link #close()}. Every model call of the turn starts at {@code firstModel} (and
	 * fails over to the models after it in the chain), and the given parameters are
	 * merged into the request each model gets, as far as its provider supports them:
	 * Anthropic gets no penalties and no JSON mode without a schema; only OpenAI and
	 * OpenAI-compatible models get the OpenAI-specific parameters of an
	 * {@code OpenAiChatRequestParameters} (seed, logit bias, parallel tool calls, user).
	 * An answer is degraded when it comes from a model after {@code firstModel}.
	 * @param firstModel the name of the chain model to start at, or {@code null} for the
	 * head of the chain
	 * @param parameters the parameters that override the request's own, or {@code null}
	 * @return the turn
	 */
	public static FailoverTurn begin(String firstModel, ChatRequestParameters parameters) {
		FailoverTurn turn = new FailoverTurn(firstModel, parameters);
		CURRENT.set(turn);
		return turn;
	}

	/**
	 * The turn bound to the current thread.
	 * @return the turn, or {@code null}
	 */
	static FailoverTurn current() {
		return CURRENT.get();
	}

	/**
	 * Runs an action with the given turn bound to the current thread, restoring the
	 * previous binding afterwards.
	 * @param turn the turn, may be {@code null}
	 * @param action the action
	 */
	static void runWith(FailoverTurn turn, Runnable action) {
		FailoverTurn previous = CURRENT.get();
		if (turn != null) {
			CURRENT.set(turn);
		}
		try {
			action.run();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * The model that answered the latest call of this turn.
	 * @return its name, empty while no model has answered
	 */
	public Optional<String> model() {
		return Optional.ofNullable(this.model);
	}

	/**
	 * Whether the latest answer came from a fallback model (not the first of the chain).
	 * @return {@code true} if degraded
	 */
	public boolean degraded() {
		return this.degraded;
	}

	/**
	 * Gives up the turn: a running stream is cancelled and no further callback reaches
	 * the caller. Idempotent.
	 */
	public void cancel() {
		if (this.cancelled) {
			return;
		}
		this.cancelled = true;
		for (Runnable action : this.cancelActions) {
			action.run();
		}
		this.cancelActions.clear();
	}

	/**
	 * Whether {@link #cancel()} was called.
	 * @return {@code true} if cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * The chain model every call of this turn starts at.
	 * @return its name, or {@code null} for the head of the chain
	 */
	String firstModel() {
		return this.firstModel;
	}

	/**
	 * The parameters merged into every model request of this turn.
	 * @return the parameters, or {@code null}
	 */
	ChatRequestParameters parameters() {
		return this.parameters;
	}

	void answered(String model, boolean degraded) {
		this.model = model;
		this.degraded = degraded;
	}

	void onCancel(Runnable action) {
		if (this.cancelled) {
			action.run();
		}
		else {
			this.cancelActions.add(action);
		}
	}

	/**
	 * Unbinds the turn from the current thread (the turn itself stays usable).
	 */
	@Override
	public void close() {
		if (CURRENT.get() == this) {
			CURRENT.remove();
		}
	}

}
