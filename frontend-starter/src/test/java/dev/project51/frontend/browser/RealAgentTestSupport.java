package dev.project51.frontend.browser;

import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static dev.project51.frontend.support.AgentAndFrontend.close;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in real headless Chromium, the frontend in front of a real agent (its
 * offline local model), both started in this JVM by the test class's {@code @BeforeAll}
 * into the fields here. Each test gets a fresh page that must stay clean: no
 * Content-Security-Policy violation, no console error.
 */
abstract class RealAgentTestSupport {

	static Path dataDirectory;

	static ConfigurableApplicationContext agent;

	static ConfigurableApplicationContext frontend;

	static Chromium chromium;

	BrowserContext context;

	Page page;

	List<String> problems;

	@AfterAll
	static void stopEverything() {
		try {
			if (chromium != null) {
				chromium.close();
			}
		}
		finally {
			close(frontend);
			close(agent);
			if (dataDirectory != null) {
				FileSystemUtils.deleteRecursively(dataDirectory.toFile());
			}
		}
	}

	@BeforeEach
	void openPage() {
		String url = "http://localhost:" + ((WebServerApplicationContext) frontend).getWebServer().getPort();
		this.context = chromium.context(url, 1280, 800, ColorScheme.LIGHT);
		this.page = this.context.newPage();
		this.problems = Chromium.problems(this.page);
		this.page.navigate("/");
	}

	@AfterEach
	void pageStayedClean() {
		try {
			assertThat(Chromium.violations(this.page)).as("Content-Security-Policy violations").isEmpty();
			assertThat(this.problems).as("console errors").isEmpty();
		}
		finally {
			this.context.close();
		}
	}

}
