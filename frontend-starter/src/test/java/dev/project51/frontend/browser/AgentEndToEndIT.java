package dev.project51.frontend.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.project51.frontend.support.AgentAndFrontend;
import dev.project51.frontend.support.TestApplication;
import dev.project51.testsupport.net.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.context.ConfigurableApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.project51.frontend.support.AgentAndFrontend.close;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in real headless Chromium: the frontend in front of a real agent server
 * (project51-agent-spring-boot-starter with its offline local model), both started in
 * this JVM on random ports. The agent is stopped and started again on the same port to
 * show that the page notices the outage and recovers without a reload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentEndToEndIT extends RealAgentTestSupport {

	private static final String TOKEN = "e2e-token-3c9d71";

	private static final LocatorAssertions.HasAttributeOptions SLOW = new LocatorAssertions.HasAttributeOptions()
		.setTimeout(60_000);

	private static int agentPort;

	@BeforeAll
	static void startEverything() throws IOException {
		chromium = Chromium.launch();
		dataDirectory = Files.createTempDirectory("project51-e2e");
		agentPort = FreePorts.one();
		agent = startAgent();
		frontend = AgentAndFrontend.startFrontend(List.of(TestApplication.class), agentPort, TOKEN,
				"--project51.frontend.status.cache-ttl=0s", "--project51.frontend.status.poll-interval=1s",
				"--project51.frontend.status.retry-initial=300ms", "--project51.frontend.status.retry-max=1s");
	}

	@BeforeEach
	void agentIsHealthy() {
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy", SLOW);
	}

	@AfterEach
	void tokenNeverOnThePage() {
		assertThat(this.page.content()).doesNotContain(TOKEN);
	}

	@Test
	@Order(1)
	void anAnswerStreamsInAndTheConversationSurvivesAReload() {
		assertThat(this.page.locator("#status .status-model")).hasText("local");
		send("How do I roll back a release?");
		Locator answer = lastAnswer();
		// Seen while the tokens arrive, then gone.
		assertThat(answer).hasClass(Pattern.compile("is-streaming"));
		assertThat(answer).not()
			.hasClass(Pattern.compile("is-streaming"), new LocatorAssertions.HasClassOptions().setTimeout(30_000));
		assertThat(answer.locator(".markdown")).containsText("Source:");
		assertThat(answer.locator(".badge-model")).hasText("local");
		String conversationId = (String) this.page.evaluate("() => localStorage.getItem('project51.conversationId')");
		assertThat(conversationId).isNotBlank();
		Chromium.screenshot(this.page, "e2e-desktop-light-answer");

		this.page.reload();
		assertThat(this.page.locator(".message-user .bubble")).hasText("How do I roll back a release?");
		assertThat(lastAnswer().locator(".markdown")).containsText("Source:");
		assertThat(lastAnswer().locator(".badge-model")).hasText("local");
		assertThat(this.page.locator("#welcome")).isHidden();
	}

	@Test
	@Order(2)
	void hostileMarkupFromTheAgentIsShownAsTextAndNeverRuns() {
		send("Hello");
		Locator greeting = lastAnswer().locator(".markdown");
		assertThat(greeting).containsText("Markup probe <img src=x onerror=\"window.__xss='title'\">",
				new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
		send("What is the quarantine phrase zebra quasar lantern?");
		Locator quote = lastAnswer().locator(".markdown");
		assertThat(quote).containsText("<script>window.__xss='script'</script>",
				new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
		assertThat(quote).containsText("<img src=x onerror=\"window.__xss='img'\">");
		assertThat(quote).containsText("friendly link");
		String active = "img, script, iframe, svg, object, embed, style";
		assertThat(this.page.locator(".markdown").locator(active)).hasCount(0);
		assertThat(this.page.locator(".markdown a[href^='javascript']")).hasCount(0);
		this.page.waitForTimeout(300);
		assertThat(this.page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
		Chromium.screenshot(this.page, "e2e-desktop-light-hostile-markup");
	}

	@Test
	@Order(3)
	void showsTheOutageAndRecoversWithoutAReload() {
		send("What does the readiness probe check?");
		assertThat(lastAnswer()).not()
			.hasClass(Pattern.compile("is-streaming"), new LocatorAssertions.HasClassOptions().setTimeout(30_000));
		this.page.evaluate("() => { window.__sameDocument = true; }");

		close(agent);
		agent = null;
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "unavailable", SLOW);
		assertThat(this.page.locator("#status .status-label")).hasText("Unavailable");
		assertThat(this.page.locator("#notice")).containsText("The assistant is unavailable.");
		assertThat(this.page.locator("#notice")).containsText("reconnects by itself");
		// The message cannot reach the agent: it waits, visibly, and goes out by itself.
		int answers = this.page.locator(".message-assistant").count();
		this.page.getByLabel("Message to Assistant").fill("Are you still there?");
		this.page.getByLabel("Message to Assistant").press("Enter");
		Locator waiting = this.page.locator(".message-user").last();
		assertThat(waiting.locator(".pending-note")).containsText("will be sent when the assistant is back");
		assertThat(this.page.locator(".message-assistant")).hasCount(answers);
		Chromium.screenshot(this.page, "e2e-desktop-light-unavailable");

		agent = startAgent();
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy", SLOW);
		assertThat(this.page.locator("#notice")).isHidden();
		assertThat(this.page.locator(".message-assistant")).hasCount(answers + 1);
		Locator answered = lastAnswer();
		assertThat(answered).not()
			.hasClass(Pattern.compile("is-streaming"), new LocatorAssertions.HasClassOptions().setTimeout(30_000));
		assertThat(answered.locator(".error")).hasCount(0);
		assertThat(answered.locator(".badge-model")).hasText("local");
		assertThat(waiting.locator(".pending-note")).hasCount(0);
		assertThat(this.page.evaluate("() => window.__sameDocument === true")).as("no reload happened").isEqualTo(true);
		Chromium.screenshot(this.page, "e2e-desktop-light-recovered");

		// The conversation outlived the agent's restart (H2 file database).
		this.page.reload();
		assertThat(this.page.locator(".message-user")).hasCount(2);
		assertThat(this.page.locator(".message-user .bubble").first()).hasText("What does the readiness probe check?");
	}

	private void send(String message) {
		// Enter does not send while an answer is still streaming.
		assertThat(this.page.locator("#send")).hasAttribute("data-mode", "send", SLOW);
		int before = this.page.locator(".message-assistant").count();
		this.page.getByLabel("Message to Assistant").fill(message);
		this.page.getByLabel("Message to Assistant").press("Enter");
		assertThat(this.page.locator(".message-assistant")).hasCount(before + 1);
	}

	private Locator lastAnswer() {
		return this.page.locator(".message-assistant").last();
	}

	private static ConfigurableApplicationContext startAgent() {
		return AgentAndFrontend.startAgent(List.of(TestApplication.class), agentPort, TOKEN, dataDirectory,
				"--project51.agent.local.token-delay=20ms");
	}

}
