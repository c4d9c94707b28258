package dev.project51.agent.server.memory.internal;

import java.time.Duration;

import dev.project51.agent.server.memory.ConversationLeases;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ConversationLeases} in the conversation's own row of
 * {@code project51_agent_conversation} (columns {@code turn_holder} and
 * {@code turn_expires_at}). Taking a lease is one conditional {@code UPDATE} in
 * auto-commit: the row lock of the update makes a concurrent taker on another replica
 * wait for the statement (milliseconds, not the turn) and then find the lease held, on
 * PostgreSQL (read committed re-checks the condition on the updated row) as on H2. Expiry
 * is computed with the database's clock ({@code CURRENT_TIMESTAMP}), so the replicas'
 * clocks need not agree.
 *
 * @since 0.1.0
 */
public class JdbcConversationLeases implements ConversationLeases {

	private static final String EXPIRY = "CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND";

	private final JdbcClient jdbc;

	/**
	 * Creates the leases.
	 * @param jdbc the JDBC client of the agent's database
	 */
	public JdbcConversationLeases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Acquisition tryAcquire(String conversationId, String holder, Duration time) {
		int taken = this.jdbc
			.sql("UPDATE project51_agent_conversation SET turn_holder = ?, turn_expires_at = " + EXPIRY
					+ " WHERE conversation_id = ? AND (turn_holder IS NULL OR turn_expires_at <= CURRENT_TIMESTAMP)")
			.params(holder, time.toMillis(), conversationId)
			.update();
		if (taken == 1) {
			return Acquisition.ACQUIRED;
		}
		boolean exists = this.jdbc.sql("SELECT COUNT(*) FROM project51_agent_conversation WHERE conversation_id = ?")
			.param(conversationId)
			.query(Long.class)
			.single() > 0;
		return exists ? Acquisition.BUSY : Acquisition.NO_CONVERSATION;
	}

	@Override
	public boolean renew(String conversationId, String holder, Duration time) {
		return this.jdbc
			.sql("UPDATE project51_agent_conversation SET turn_expires_at = " + EXPIRY
					+ " WHERE conversation_id = ? AND turn_holder = ?")
			.params(time.toMillis(), conversationId, holder)
			.update() == 1;
	}

	@Override
	public int releaseEarlierRuns(String replica, String currentRun) {
		return this.jdbc
			.sql("UPDATE project51_agent_conversation SET turn_holder = NULL, turn_expires_at = NULL"
					+ " WHERE turn_holder LIKE ? ESCAPE '!' AND turn_holder NOT LIKE ? ESCAPE '!'")
			.params(likePrefix(replica + "/"), likePrefix(replica + "/" + currentRun + "/"))
			.update();
	}

	private static String likePrefix(String prefix) {
		return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
	}

	@Override
	public void release(String conversationId, String holder) {
		this.jdbc
			.sql("UPDATE project51_agent_conversation SET turn_holder = NULL, turn_expires_at = NULL"
					+ " WHERE conversation_id = ? AND turn_holder = ?")
			.params(conversationId, holder)
			.update();
	}

}
