package dev.project51.agent.server.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of the tests that need one: {@code PROJECT51_TEST_POSTGRES_URL}
 * (a JDBC URL of a database the tests may write to), {@code PROJECT51_TEST_POSTGRES_USER}
 * and {@code PROJECT51_TEST_POSTGRES_PASSWORD}; {@code .ci/run} sets one up. Without them
 * the tests are skipped, except under {@code CI=true}, where they fail.
 */
public final class TestPostgres {

	private static final String URL = System.getenv("PROJECT51_TEST_POSTGRES_URL");

	private static final String USER = System.getenv("PROJECT51_TEST_POSTGRES_USER");

	private static final String PASSWORD = System.getenv("PROJECT51_TEST_POSTGRES_PASSWORD");

	private TestPostgres() {
	}

	/**
	 * Skips the calling test class when no server is configured, or fails it under
	 * {@code CI=true}.
	 */
	public static void require() {
		boolean configured = URL != null && !URL.isBlank();
		if (!configured && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("PROJECT51_TEST_POSTGRES_URL is not set, but CI=true: the PostgreSQL "
					+ "tests must run in CI (.ci/run installs and starts PostgreSQL)");
		}
		Assumptions.assumeTrue(configured, "PostgreSQL tests skipped: set PROJECT51_TEST_POSTGRES_URL, "
				+ "PROJECT51_TEST_POSTGRES_USER and PROJECT51_TEST_POSTGRES_PASSWORD to run them");
	}

	/**
	 * The agent's properties for the server.
	 * @return {@code key=value} pairs of {@code spring.datasource.*}
	 */
	public static String[] properties() {
		return new String[] { "spring.datasource.url=" + URL,
				"spring.datasource.username=" + ((USER != null) ? USER : ""),
				"spring.datasource.password=" + ((PASSWORD != null) ? PASSWORD : "") };
	}

}
