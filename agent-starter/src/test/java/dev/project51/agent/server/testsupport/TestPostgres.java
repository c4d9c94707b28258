package dev.project51.agent.server.testsupport;

import dev.project51.testsupport.tools.RequiredTool;

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
		RequiredTool.require("PostgreSQL (PROJECT51_TEST_POSTGRES_URL)", () -> URL != null && !URL.isBlank(),
				"set PROJECT51_TEST_POSTGRES_URL, PROJECT51_TEST_POSTGRES_USER and PROJECT51_TEST_POSTGRES_PASSWORD "
						+ "to a database the tests may write to");
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
