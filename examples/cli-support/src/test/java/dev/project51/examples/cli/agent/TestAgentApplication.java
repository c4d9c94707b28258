package dev.project51.examples.cli.agent;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Project51 agent with the starter's defaults (offline local model, built-in
 * knowledge), for the command-line examples to talk to in tests.
 */
@SpringBootApplication
class TestAgentApplication {

}
