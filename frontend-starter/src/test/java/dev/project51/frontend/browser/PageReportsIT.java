package dev.project51.frontend.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.Role;
import dev.project51.testsupport.agent.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.test.context.TestPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's reports in docs/, on demand only ({@code -Dproject51.reports=true}; not part
 * of the test command): Lighthouse (scripts/lighthouse.sh) and the screenshots of the
 * README (scripts/screenshots.sh). The frontend runs with its default status polling (15
 * s), as users get it.
 */
@EnabledIfSystemProperty(named = "project51.reports", matches = "true")
@TestPropertySource(
		properties = { "project51.frontend.status.poll-interval=15s", "project51.frontend.stream-heartbeat=1s" })
class PageReportsIT extends ChatPageTestSupport {

	/** The repository's docs directory; the build passes {@code project51.docs}. */
	static final Path DOCS = Paths.get(System.getProperty("project51.docs", "../docs"));

	/**
	 * Where run.mjs and its npm packages are; the build passes
	 * {@code project51.lighthouse}.
	 */
	static final Path LIGHTHOUSE = Paths.get(System.getProperty("project51.lighthouse", "src/test/lighthouse"));

	@Test
	void lighthouse() throws Exception {
		assertThat(LIGHTHOUSE.resolve("node_modules/lighthouse")).as("npm ci in " + LIGHTHOUSE).isDirectory();
		ProcessBuilder builder = new ProcessBuilder("node", "run.mjs", "http://localhost:" + this.port + "/",
				DOCS.resolve("lighthouse.md").toAbsolutePath().toString(),
				Paths.get("target/lighthouse").toAbsolutePath().toString())
			.directory(LIGHTHOUSE.toFile())
			.redirectErrorStream(true);
		builder.environment().putIfAbsent("CHROME_PATH", Chromium.EXECUTABLE.toString());
		Process lighthouse = builder.start();
		// Through System.out, not inherited: the test JVM's own stdout talks to Maven.
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(lighthouse.getInputStream(), StandardCharsets.UTF_8))) {
			output.lines().forEach(System.out::println);
		}
		assertThat(lighthouse.waitFor(10, TimeUnit.MINUTES)).as("Lighthouse finished").isTrue();
		assertThat(lighthouse.exitValue()).as("Lighthouse's scores against the targets, see docs/lighthouse.md")
			.isZero();
	}

	static final String SHOWN_ANSWER = """
			Here is how a **rollback** works:

			1. `deploy.sh` watches the rollout.
			2. When the new pods never become *ready*, it rolls back:

			```bash
			# roll back when the new pods never become ready
			if ! kubectl rollout status deployment/frontend --timeout=120s; then
			  kubectl rollout undo deployment/frontend
			fi
			```

			See the [Kubernetes docs](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/) for details.""";

	private static Conversation earlier(String id, String title, Instant at) {
		return new Conversation(id,
				List.of(new ConversationMessage(Role.USER, title, null, false, List.of(), at).withId("m0", null)),
				title, null);
	}

	@Test
	void screenshots() throws IOException {
		Path directory = DOCS.resolve("images/frontend");
		Files.createDirectories(directory);
		for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
			for (int[] size : List.of(new int[] { 1280, 800 }, new int[] { 390, 844 })) {
				reopen(size[0], size[1], scheme);
				assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy");
				// The browser's other conversations, in the list.
				Instant now = Instant.now();
				agent.conversation(earlier("c-render", "Deploying to Render", now.minus(Duration.ofDays(2))));
				agent.conversation(
						earlier("c-failover", "What happens when a model fails?", now.minus(Duration.ofHours(3))));
				agent.stream(Script.answer("c-shot", "gpt-4o-mini", false,
						List.of(new Citation("knowledge/rolling-back.md", "Rolling back",
								"`deploy.sh` waits for the rollout and **rolls back** by itself when it fails.")),
						tokens(SHOWN_ANSWER)));
				// This conversation as the agent keeps it, for the list and the thumb
				// (the fake's
				// answers are numbered).
				String first = Script.messageIdAhead(1);
				String second = Script.messageIdAhead(2);
				agent.conversation(new Conversation("c-shot", List.of(
						new ConversationMessage(Role.USER, "How do I roll back a release?", null, false, List.of(), now)
							.withId("m0", null),
						new ConversationMessage(Role.ASSISTANT, SHOWN_ANSWER, "gpt-4o-mini", false, List.of(), now)
							.withId(first, null),
						new ConversationMessage(Role.ASSISTANT, "offline", "local", true, List.of(), now).withId(second,
								null)),
						"How do I roll back a release?", null));
				send("How do I roll back a release?");
				awaitAnswer();
				this.page.locator(".sources-summary").last().click();
				agent.stream(Script.answer("c-shot", "local", true, List.of(),
						tokens("The primary model is failing, so I answer **offline** from the knowledge base.")));
				agent.models(List.of(new ModelStatus("gpt-4o-mini", "openai", CircuitState.OPEN, "HTTP 503", 12, 8),
						new ModelStatus("local", "local", CircuitState.CLOSED, null, 2, 0)));
				send("Are you still there?");
				awaitAnswer();
				assertThat(this.page.locator("#status")).hasAttribute("data-state", "degraded");
				Locator good = this.page.locator(".message-assistant")
					.first()
					.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Good answer"));
				Response rated = this.page.waitForResponse((response) -> response.request().method().equals("PUT"),
						good::click);
				assertThat(rated.status()).isEqualTo(204);
				assertThat(good).hasAttribute("aria-pressed", "true");
				// The code block's bar just under the header and the notice.
				this.page.evaluate("() => window.scrollBy(0, document.querySelector('.code-block')"
						+ ".getBoundingClientRect().top - document.querySelector('.chrome').getBoundingClientRect().bottom - 16)");
				this.page.waitForTimeout(400);
				if (size[0] >= 600) {
					// Beside the conversation on a desktop (on a phone the list would
					// cover it).
					this.page.locator("#conversations-toggle").click();
					assertThat(this.page.locator("#conversation-list .conversation")).hasCount(3);
					// The panel's entrance animation ends before the picture.
					this.page.evaluate("""
							() => Promise.all(document.getAnimations()
							    .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
							    .map((a) => a.finished.catch(() => null)))""");
				}
				String name = ((size[0] < 600) ? "phone" : "desktop") + "-" + scheme.name().toLowerCase(Locale.ROOT);
				this.page.screenshot(new Page.ScreenshotOptions().setPath(directory.resolve(name + ".png")));
			}
		}
	}

}
