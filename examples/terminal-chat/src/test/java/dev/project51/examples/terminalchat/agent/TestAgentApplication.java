package dev.project51.examples.terminalchat.agent;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Project51 agent with the starter's defaults (offline local model, built-in
 * knowledge), for the terminal chat to talk to in tests.
 */
@SpringBootApplication
public class TestAgentApplication {

}
