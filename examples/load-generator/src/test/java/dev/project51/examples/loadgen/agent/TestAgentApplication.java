package dev.project51.examples.loadgen.agent;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Project51 agent with the starter's defaults (offline local model, built-in
 * knowledge), for the load generator to load in tests.
 */
@SpringBootApplication
public class TestAgentApplication {

}
