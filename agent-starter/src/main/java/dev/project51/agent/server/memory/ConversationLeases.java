package dev.project51.agent.server.memory;

import java.time.Duration;

/**
 * Turn leases: at most one turn of a conversation runs at a time across every agent
 * replica that shares the conversation store. A lease names its holder (one turn) and
 * expires unless renewed, so a replica that dies in the middle of a turn frees its
 * conversations by itself after the lease time, or at once when it starts again
 * ({@link #releaseEarlierRuns}). Each call is one short statement: no connection or
 * transaction is held while the model answers.
 *
 * @since 0.1.0
 */
public interface ConversationLeases {

	/**
	 * Takes a conversation's lease if no other holder has an unexpired one. Does not
	 * wait.
	 * @param conversationId the conversation, created before with
	 * {@link ConversationTranscript#create}
	 * @param holder the turn that takes it, unique per turn
	 * @param time how long the lease lasts unless renewed
	 * @return whether it was taken, is held by someone else, or the conversation does not
	 * exist (any more)
	 * @since 0.1.0
	 */
	Acquisition tryAcquire(String conversationId, String holder, Duration time);

	/**
	 * Extends a lease the holder still has.
	 * @param conversationId the conversation
	 * @param holder the holder of the lease
	 * @param time how long the lease lasts from now
	 * @return {@code false} if the holder has lost it (it expired and someone else took
	 * it, or the conversation was deleted)
	 * @since 0.1.0
	 */
	boolean renew(String conversationId, String holder, Duration time);

	/**
	 * Gives a lease back; does nothing if the holder no longer has it.
	 * @param conversationId the conversation
	 * @param holder the holder of the lease
	 * @since 0.1.0
	 */
	void release(String conversationId, String holder);

	/**
	 * Frees the leases that earlier runs of a replica still hold: a replica that restarts
	 * after a crash calls it so that the conversations it was answering need not wait for
	 * their leases to expire. Holders are named {@code <replica>/<run>/<turn>}; leases of
	 * {@code currentRun} are kept. Only correct while no other live replica has the same
	 * name (the agent names a replica by its host name and port).
	 * @param replica the replica's name
	 * @param currentRun the run of the replica that calls it
	 * @return how many leases were freed
	 * @since 0.1.0
	 */
	default int releaseEarlierRuns(String replica, String currentRun) {
		return 0;
	}

	/**
	 * The outcome of {@link #tryAcquire}.
	 *
	 * @since 0.1.0
	 */
	enum Acquisition {

		/** The caller holds the lease now. */
		ACQUIRED,

		/** Another turn holds an unexpired lease. */
		BUSY,

		/** There is no such conversation. */
		NO_CONVERSATION

	}

}
