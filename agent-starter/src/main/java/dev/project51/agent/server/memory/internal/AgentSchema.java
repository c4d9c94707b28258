package dev.project51.agent.server.memory.internal;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the agent's tables with Flyway, independently of any Flyway setup
 * of the application: own migration location ({@value #LOCATION}) and own history table
 * ({@value #HISTORY_TABLE}), so the agent can share a database with other schemas.
 *
 * @since 0.1.0
 */
public final class AgentSchema {

	/** Classpath location of the agent's migrations. */
	public static final String LOCATION = "classpath:dev/project51/agent/server/memory/migration";

	/** Flyway history table of the agent's schema. */
	public static final String HISTORY_TABLE = "project51_agent_schema_history";

	private static final Logger logger = LoggerFactory.getLogger(AgentSchema.class);

	private AgentSchema() {
	}

	/**
	 * Applies the pending migrations.
	 * @param dataSource the agent's database
	 * @return the number of migrations applied
	 */
	public static int migrate(DataSource dataSource) {
		MigrateResult result = Flyway.configure()
			.dataSource(dataSource)
			.locations(LOCATION)
			.table(HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
		if (result.migrationsExecuted > 0) {
			logger.info("Agent schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
					result.migrationsExecuted);
		}
		return result.migrationsExecuted;
	}

}
