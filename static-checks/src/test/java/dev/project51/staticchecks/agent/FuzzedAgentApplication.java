package dev.project51.staticchecks.agent;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An agent application as a user of the starter writes it: nothing but the starter.
 * {@code SchemathesisIT} fuzzes it.
 */
@SpringBootApplication
public class FuzzedAgentApplication {

}
