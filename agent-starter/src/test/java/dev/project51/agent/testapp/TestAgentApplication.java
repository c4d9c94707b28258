package dev.project51.agent.testapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A runnable agent for trying the starter by hand. It answers offline with the local
 * model on port 8081 (or {@code PORT}), keeps conversations in
 * {@code ./.project51/agent-db}, and takes any {@code project51.agent.*} property on the
 * command line: <pre class="code">
 * mvn -pl agent-starter test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.project51.agent.testapp.TestAgentApplication \
 *   -Dexec.args="--project51.agent.api-token=secret"
 * </pre> It lives outside {@code dev.project51.agent.server} so that component scanning
 * does not pick up the starter's own classes.
 */
@SpringBootApplication
public class TestAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(TestAgentApplication.class, args);
	}

}
