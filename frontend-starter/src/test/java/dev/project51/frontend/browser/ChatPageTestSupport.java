package dev.project51.frontend.browser;

import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.project51.frontend.support.FakeAgents;
import dev.project51.frontend.support.TestApplication;
import dev.project51.testsupport.agent.FakeAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in real headless Chromium, in front of a fake agent whose answers are
 * scripted. The browser test classes share one application context and one fake agent.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "project51.frontend.title=Project51 Assistant", "project51.frontend.status.cache-ttl=0s",
				"project51.frontend.status.poll-interval=1s", "project51.frontend.status.retry-initial=300ms",
				"project51.frontend.status.retry-max=1s", "project51.frontend.stream-heartbeat=300ms",
				// Every test of every class sends from one address into one context;
				// ManyUsersIT and SessionAndRateLimitTests check the limits.
				"project51.frontend.rate-limit.enabled=false",
				// The agent starter is on the test class path for AgentEndToEndIT; here
				// its
				// request filter would guard the page's /api/ too.
				"project51.agent.enabled=false",
				"project51.frontend.suggestions=How do I roll back a release?,What happens when a model fails?" })
abstract class ChatPageTestSupport {

	static final String TOKEN = "browser-token-5b1e";

	static final String RICH_ANSWER = """
			Here is how a **rollback** works, step by step:

			1. `deploy.sh` watches the rollout.
			2. When the new pods never become *ready*, it runs `kubectl rollout undo`.
			3. The previous ReplicaSet takes the traffic again.

			```bash
			kubectl rollout undo deployment/frontend
			```

			See the [Kubernetes docs](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/) for details.""";

	/** Shared by every browser test class (and its cached application context). */
	static final FakeAgent agent = FakeAgents.start();

	static Chromium chromium;

	final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	BrowserContext context;

	Page page;

	List<String> problems;

	@DynamicPropertySource
	static void agentProperties(DynamicPropertyRegistry registry) {
		registry.add("project51.frontend.agent.base-url", () -> agent.baseUrl().toString());
		registry.add("project51.frontend.agent.api-token", () -> TOKEN);
	}

	@BeforeAll
	static void launch() {
		chromium = Chromium.launch();
	}

	@AfterAll
	static void shutDown() {
		if (chromium != null) {
			chromium.close();
			chromium = null;
		}
	}

	@BeforeEach
	void openPage() {
		agent.reset();
		agent.requireToken(TOKEN);
		open(1280, 800, ColorScheme.LIGHT);
	}

	@AfterEach
	void pageStayedClean() {
		try {
			assertThat(Chromium.violations(this.page)).as("Content-Security-Policy violations").isEmpty();
			assertThat(this.problems).as("console errors").isEmpty();
			assertThat(agent.violations()).as("contract violations").isEmpty();
		}
		finally {
			this.context.close();
		}
	}

	void open(int width, int height, ColorScheme scheme) {
		this.context = chromium.context("http://localhost:" + this.port, width, height, scheme);
		this.page = this.context.newPage();
		this.problems = Chromium.problems(this.page);
		this.page.navigate("/");
		assertThat(this.page.locator("#status")).not().hasAttribute("data-state", "checking");
	}

	/**
	 * Close the current page and open a fresh one (new storage) at another size or
	 * scheme.
	 */
	void reopen(int width, int height, ColorScheme scheme) {
		this.context.close();
		agent.reset();
		agent.requireToken(TOKEN);
		open(width, height, scheme);
	}

	void send(String message) {
		Locator input = this.page.getByLabel("Message to Assistant");
		input.fill(message);
		int before = this.page.locator(".message-assistant").count();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send message")).click();
		assertThat(this.page.locator(".message-assistant")).hasCount(before + 1);
	}

	/** Wait until the latest answer is complete. */
	void awaitAnswer() {
		assertThat(lastAnswer()).not().hasAttribute("aria-busy", "true");
		assertThat(this.page.locator("#send")).hasAttribute("data-mode", "send");
	}

	Locator lastAnswer() {
		return this.page.locator(".message-assistant").last();
	}

	/** Split a text into word-sized tokens, as a model would stream it. */
	static String[] tokens(String text) {
		return text.split("(?<=\\s)");
	}

}
