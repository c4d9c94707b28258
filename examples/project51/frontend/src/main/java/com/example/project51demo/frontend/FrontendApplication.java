package com.example.project51demo.frontend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The chat frontend. The page, its streaming relay to the agent, the agent status and the security headers come from
 * project51-frontend-spring-boot-starter; this application only configures them (application.yml).
 */
@SpringBootApplication
public class FrontendApplication {

	public static void main(String[] args) {
		SpringApplication.run(FrontendApplication.class, args);
	}

}
