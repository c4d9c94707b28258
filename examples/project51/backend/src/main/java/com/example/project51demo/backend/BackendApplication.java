package com.example.project51demo.backend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The agent backend. Everything that makes it self-healing comes from project51-agent-spring-boot-starter; this
 * application adds its system prompt ({@code prompts/system.md}), its knowledge ({@code knowledge/*.md}) and its own
 * tools ({@link DeploymentTools}).
 */
@SpringBootApplication
public class BackendApplication {

	public static void main(String[] args) {
		SpringApplication.run(BackendApplication.class, args);
	}

}
