package dev.project51.agent.server.memory.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import dev.project51.agent.server.memory.ConversationLeases;
import dev.project51.agent.server.memory.ConversationLeases.Acquisition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The turn leases on the embedded H2 database; {@code ScaleOutPostgresIT} runs the same
 * checks on PostgreSQL.
 */
public class JdbcConversationLeasesTests {

	private static final Duration LONG = Duration.ofMinutes(5);

	@Test
	void oneHolderAtATimeUntilReleasedOrExpired() {
		DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:leases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		AgentSchema.migrate(h2);
		holdsOneLeasePerConversation(h2);
	}

	@Test
	void restartedReplicaFreesTheLeasesOfItsEarlierRuns() {
		DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:leases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		AgentSchema.migrate(h2);
		freesOnlyEarlierRunsOfTheSameReplica(h2);
	}

	/**
	 * A replica that starts again frees the leases its dead run held, and no other's: not
	 * those of its current run, of another replica, or of a replica whose name it only
	 * begins (port 80 against 8081), and names with {@code LIKE} wildcards match only
	 * themselves.
	 * @param dataSource the database, with the agent's schema
	 */
	public static void freesOnlyEarlierRunsOfTheSameReplica(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		ConversationLeases leases = new JdbcConversationLeases(jdbc);
		JdbcConversationTranscript transcript = new JdbcConversationTranscript(jdbc, JsonMapper.shared());
		String[] holders = { "agent-7f:8081/dead-run/t1", "agent-7f:8081/dead-run/t2", "agent-7f:8081/new-run/t3",
				"agent-7f:80/dead-run/t4", "agent-9c:8081/dead-run/t5", "agent_7f:8081/dead-run/t6" };
		String[] ids = new String[holders.length];
		for (int i = 0; i < holders.length; i++) {
			ids[i] = "lease-" + UUID.randomUUID();
			transcript.create(ids[i], "", "Restart " + i, Instant.now());
			assertThat(leases.tryAcquire(ids[i], holders[i], LONG)).isEqualTo(Acquisition.ACQUIRED);
		}

		assertThat(leases.releaseEarlierRuns("agent-7f:8081", "new-run")).isEqualTo(2);
		assertThat(leases.tryAcquire(ids[0], "x", LONG)).as("freed").isEqualTo(Acquisition.ACQUIRED);
		assertThat(leases.tryAcquire(ids[1], "x", LONG)).as("freed").isEqualTo(Acquisition.ACQUIRED);
		for (int i = 2; i < holders.length; i++) {
			assertThat(leases.tryAcquire(ids[i], "x", LONG)).as("kept: %s", holders[i]).isEqualTo(Acquisition.BUSY);
		}
		assertThat(leases.releaseEarlierRuns("agent_7f:8081", "new-run")).as("'_' is not a wildcard").isEqualTo(1);
		assertThat(leases.releaseEarlierRuns("agent%", "new-run")).as("'%' is not a wildcard").isZero();
		for (String id : ids) {
			transcript.delete(id);
		}

		String longest = "h".repeat(240) + "/" + UUID.randomUUID() + "/" + UUID.randomUUID();
		String id = "lease-" + UUID.randomUUID();
		transcript.create(id, "", "Longest holder", Instant.now());
		assertThat(leases.tryAcquire(id, longest, LONG)).as("the longest holder the agent names fits")
			.isEqualTo(Acquisition.ACQUIRED);
		transcript.delete(id);
	}

	/**
	 * The lease lifecycle on a migrated database: taken by one holder, refused to others,
	 * renewed and released only by its holder, free again once expired, and gone with its
	 * conversation.
	 * @param dataSource the database, with the agent's schema
	 */
	public static void holdsOneLeasePerConversation(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		ConversationLeases leases = new JdbcConversationLeases(jdbc);
		JdbcConversationTranscript transcript = new JdbcConversationTranscript(jdbc, JsonMapper.shared());
		String id = "lease-" + UUID.randomUUID();
		assertThat(leases.tryAcquire(id, "a", LONG)).isEqualTo(Acquisition.NO_CONVERSATION);
		transcript.create(id, "", "Leases", Instant.now());
		String other = "lease-" + UUID.randomUUID();
		transcript.create(other, "", "Other", Instant.now());

		assertThat(leases.tryAcquire(id, "a", LONG)).isEqualTo(Acquisition.ACQUIRED);
		assertThat(leases.tryAcquire(id, "b", LONG)).as("held by a").isEqualTo(Acquisition.BUSY);
		assertThat(leases.tryAcquire(other, "b", LONG)).as("another conversation").isEqualTo(Acquisition.ACQUIRED);
		assertThat(leases.renew(id, "a", LONG)).isTrue();
		assertThat(leases.renew(id, "b", LONG)).as("b does not hold it").isFalse();
		leases.release(id, "b");
		assertThat(leases.tryAcquire(id, "c", LONG)).as("released by someone else than a").isEqualTo(Acquisition.BUSY);
		leases.release(id, "a");
		assertThat(leases.tryAcquire(id, "c", Duration.ZERO)).isEqualTo(Acquisition.ACQUIRED);

		assertThat(leases.tryAcquire(id, "d", LONG)).as("c's lease expired at once").isEqualTo(Acquisition.ACQUIRED);
		assertThat(leases.renew(id, "c", LONG)).as("c lost its lease to d").isFalse();
		leases.release(id, "c");
		assertThat(leases.tryAcquire(id, "e", LONG)).as("c cannot release d's lease").isEqualTo(Acquisition.BUSY);

		transcript.delete(id);
		assertThat(leases.renew(id, "d", LONG)).isFalse();
		assertThat(leases.tryAcquire(id, "e", LONG)).isEqualTo(Acquisition.NO_CONVERSATION);
		assertThat(leases.tryAcquire(other, "e", LONG)).isEqualTo(Acquisition.BUSY);
		transcript.delete(other);
	}

}
