package dev.project51.agent.testapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A runnable agent for trying the starter by hand: {@code mvn -pl agent-starter
 * test-compile exec:java} is not needed, run this class from the IDE or with
 * {@code java -cp ...}. It answers offline with the local model on port 8081 (or
 * {@code PORT}), keeps conversations in {@code ./.project51/agent-db}, and uses every
 * {@code project51.agent.*} property given on the command line, e.g.
 * {@code --project51.agent.api-token=secret}.
 */
@SpringBootApplication
public class TestAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(TestAgentApplication.class, args);
	}

}
