package dev.project51.frontend.browser;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ReducedMotion;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.frontend.support.FakeAgents;
import dev.project51.testsupport.agent.Script;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page for people who use a screen reader, the keyboard or a phone: axe-core in
 * every state of the page, what the live regions say, the thinking indicator, and the
 * layout at 320 and 390 px.
 */
class ChatPageAccessibilityIT extends ChatPageTestSupport {

	static final String CODE_ANSWER = """
			Roll back with:

			```bash
			kubectl rollout undo deployment/frontend --to-revision=2 && kubectl rollout status deployment/frontend --timeout=120s
			```""";

	static final List<Citation> SOURCES = List.of(new Citation("knowledge/rolling-back.md", "Rolling back",
			"deploy.sh waits for the rollout and **rolls back** by itself when it fails."));

	@Test
	void axeFindsNoViolationsEmptyAnsweredWithCodeAndWithAnError() {
		assertNoAxeViolations("empty conversation");

		agent.stream(Script.answer("c-axe", "gpt-test", false, SOURCES, tokens(RICH_ANSWER)));
		send("How do I roll back a release?");
		awaitAnswer();
		lastAnswer().locator(".sources-summary").click();
		assertNoAxeViolations("answered, sources open");

		agent.stream(Script.answer("c-axe", "local", true, List.of(), tokens(CODE_ANSWER)));
		send("And from a script?");
		awaitAnswer();
		assertThat(lastAnswer().locator(".code-block")).hasCount(1);
		agent.models(List.of(new ModelStatus("gpt-test", "openai", CircuitState.OPEN, "HTTP 500", 9, 7),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 3, 0)));
		assertThat(this.page.locator("#notice")).hasAttribute("data-kind", "degraded");
		assertNoAxeViolations("code block, fallback badge, degraded notice");
		agent.models(FakeAgents.defaultModels());

		agent.stream(Script.problem(ProblemDetail.of(ProblemType.CONVERSATION_BUSY,
				"This conversation is still answering a previous message. Wait for that answer, then send again.",
				"/api/v1/chat/stream")));
		send("Are you there?");
		assertThat(lastAnswer().locator(".error")).isVisible();
		assertNoAxeViolations("inline error with Retry");
	}

	@Test
	void axeFindsNoViolationsInTheDarkThemeAndWhileTheAgentIsAway() {
		reopen(1280, 800, ColorScheme.DARK);
		assertNoAxeViolations("dark, empty");
		// The list the page fetches after each answer.
		agent.conversation(new Conversation("c-dark", List.of(), "How do I roll back a release?", null));
		agent.stream(Script.answer("c-dark", "gpt-test", false, SOURCES, tokens(RICH_ANSWER)));
		send("How do I roll back a release?");
		awaitAnswer();
		lastAnswer().locator(".sources-summary").click();
		agent.stream(Script.failAfter(ProblemDetail.answerInterrupted("/api/v1/chat/stream"), "Roll back ",
				"with **deploy.sh** and then"));
		send("And then?");
		assertThat(lastAnswer().locator(".interrupted-note")).isVisible();
		assertNoAxeViolations("dark, answered with code, sources and an interrupted answer");
		this.page.locator("#conversations-toggle").click();
		assertThat(this.page.locator("#conversation-list .conversation")).hasCount(1);
		assertNoAxeViolations("dark, the conversation list open");
		this.page.locator("#sidebar-close").click();
		assertThat(this.page.locator("#sidebar")).isHidden();

		agent.stopListening();
		try {
			assertThat(this.page.locator("#status")).hasAttribute("data-state", "unavailable");
			assertNoAxeViolations("dark, agent unavailable");
		}
		finally {
			agent.startListening();
		}
	}

	@Test
	void axeFindsNoViolationsOnPhonesOf320And390Pixels() {
		for (int width : new int[] { 320, 390 }) {
			for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
				reopen(width, 740, scheme);
				String state = width + " px, " + scheme.name().toLowerCase(java.util.Locale.ROOT);
				assertNoAxeViolations(state + ", empty");
				agent.conversation(new Conversation("c-older", List.of(), "What happens when a model fails?", null));
				agent.conversation(new Conversation("c-phone", List.of(), "How do I roll back a release?", null));
				agent.stream(Script.answer("c-phone", "gpt-4o-mini", false, SOURCES, tokens(RICH_ANSWER)));
				send("How do I roll back a release?");
				awaitAnswer();
				lastAnswer().locator(".sources-summary").click();
				assertThat(lastAnswer().getByRole(AriaRole.GROUP,
						new Locator.GetByRoleOptions().setName("Rate this answer")))
					.isVisible();
				assertNoAxeViolations(state + ", answered, with sources and feedback thumbs");

				agent.stream(Script.answer("c-phone", "local", true, List.of(), tokens(CODE_ANSWER)));
				send("And from a script?");
				awaitAnswer();
				assertThat(lastAnswer().locator(".code-block")).hasCount(1);
				assertNoAxeViolations(state + ", code block and fallback badge");

				Locator toggle = this.page.locator("#conversations-toggle");
				toggle.click();
				assertThat(toggle).hasAttribute("aria-expanded", "true");
				assertThat(this.page.locator("#conversation-list .conversation")).hasCount(2);
				assertNoAxeViolations(state + ", the conversation list open");
				this.page.locator("#sidebar-close").click();
				assertThat(this.page.locator("#sidebar")).isHidden();

				agent.stream(Script.problem(ProblemDetail.of(ProblemType.CONVERSATION_BUSY,
						"This conversation is still answering a previous message. Wait for that answer, then send"
								+ " again.",
						"/api/v1/chat/stream")));
				send("Are you there?");
				assertThat(lastAnswer().locator(".error")).isVisible();
				assertNoAxeViolations(state + ", inline error with Retry");
			}
		}
	}

	@Test
	void onPhonesTheTitleStaysReadableButtonsKeepTheirWordsAndTargetsAre44Pixels() {
		for (int width : new int[] { 320, 390 }) {
			reopen(width, 740, ColorScheme.LIGHT);
			Locator title = this.page.locator(".brand-title");
			assertThat(title).hasText("Project51 Assistant");
			assertThat((Boolean) title.evaluate("(e) => e.scrollWidth <= e.clientWidth"))
				.as("title cut at %d px", width)
				.isTrue();
			BoundingBox box = title.boundingBox();
			assertThat(box.x).isGreaterThanOrEqualTo(0);
			assertThat(box.x + box.width).as("title inside the viewport").isLessThanOrEqualTo(width);
			Locator newChat = this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat"));
			assertThat(newChat.locator(".button-text")).isVisible();
			assertThat(newChat.locator(".button-text").boundingBox().width).as("New chat keeps its words")
				.isGreaterThan(40);
			assertThat(this.page.locator("#status .status-label")).isVisible();

			agent.stream(Script.answer("c-phone", "gpt-4o-mini", false, SOURCES, tokens(RICH_ANSWER)));
			send("How do I roll back a release?");
			awaitAnswer();
			Locator avatar = lastAnswer().locator(".avatar img");
			assertThat(avatar).isVisible();
			assertThat(avatar).hasAttribute("src", Pattern.compile("/project51/avatar-[0-9a-f]{32}\\.svg"));
			// decode() settles when the image has loaded or failed to.
			assertThat((Boolean) avatar
				.evaluate("(e) => e.decode().then(() => e.complete && e.naturalWidth > 0, () => false)"))
				.as("avatar loaded")
				.isTrue();

			@SuppressWarnings("unchecked")
			List<String> small = (List<String>) this.page.evaluate("""
					() => [...document.querySelectorAll('button, summary, textarea')]
					    .filter((e) => e.offsetParent !== null)
					    .map((e) => [e, e.getBoundingClientRect()])
					    .filter(([e, r]) => r.width < 44 || r.height < 44)
					    .map(([e, r]) => (e.id || e.className || e.textContent.trim()) + ' ' + Math.round(r.width)
					        + 'x' + Math.round(r.height))""");
			assertThat(small).as("touch targets under 44 px at %d px", width).isEmpty();
			Chromium.screenshot(this.page, "phone-" + width + "-light-conversation");
		}
	}

	@Test
	void screenReadersHearThatTheAnswerStartsThenTheAnswerWithItsBlocks() {
		agent.stream(Script.slow("c-sr", Duration.ofMillis(250), 8));
		send("Stream slowly please");
		assertThat(lastAnswer().locator(".markdown")).containsText("word1");
		assertThat(this.page.locator("#announcer")).hasText("Assistant is answering.");
		assertThat(lastAnswer()).hasAttribute("aria-busy", "true");
		awaitAnswer();
		assertThat(this.page.locator("#announcer"))
			.hasText("Assistant answered: word0 word1 word2 word3 word4 word5 word6 word7");

		agent.stream(Script.answer("c-sr", "gpt-test", false, List.of(), tokens(RICH_ANSWER)));
		send("How do I roll back a release?");
		awaitAnswer();
		// In Chromium's accessibility tree the live region holds one paragraph per block:
		// list
		// items, the code and the closing sentence are not glued to each other.
		assertThat(this.page.locator("#announcer")).matchesAriaSnapshot("""
				- paragraph: "Assistant answered: Here is how a rollback works, step by step:"
				- paragraph: 1. deploy.sh watches the rollout.
				- paragraph: 2. When the new pods never become ready, it runs kubectl rollout undo.
				- paragraph: 3. The previous ReplicaSet takes the traffic again.
				- paragraph: "Code (bash): kubectl rollout undo deployment/frontend"
				- paragraph: See the Kubernetes docs for details.
				""");
	}

	@Test
	void theStatusRegionChangesOnlyWhenTheStatusDoes() {
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy");
		this.page.evaluate("""
				() => {
				  window.__statusChanges = 0;
				  new MutationObserver((records) => { window.__statusChanges += records.length; })
				      .observe(document.getElementById('status'),
				          { subtree: true, childList: true, characterData: true, attributes: true });
				}""");
		// Three more checks (one a second here), each with the same answer.
		for (int i = 0; i < 3; i++) {
			this.page.waitForResponse((response) -> response.url().endsWith("/api/status"), () -> {
			});
		}
		this.page.waitForTimeout(100);
		assertThat(this.page.evaluate("() => window.__statusChanges")).as("changes of the live region").isEqualTo(0);

		agent.models(List.of(new ModelStatus("gpt-test", "openai", CircuitState.OPEN, "HTTP 500", 9, 7),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 3, 0)));
		assertThat(this.page.locator("#status .status-label")).hasText("Degraded");
		assertThat((Integer) this.page.evaluate("() => window.__statusChanges")).isGreaterThan(0);
		agent.models(FakeAgents.defaultModels());
		assertThat(this.page.locator("#status .status-label")).hasText("Online");
	}

	@Test
	void theThinkingIndicatorIsPlainToSeeAndStandsStillWithReducedMotion() {
		agent.stream(Script.stallAfter("c-think"));
		send("Think hard");
		Locator typing = lastAnswer().locator(".typing");
		assertThat(typing).isVisible();
		assertThat(typing).hasText("Assistant is thinking…");
		assertThat(typing.boundingBox().height).isGreaterThanOrEqualTo(28);
		assertThat(typing.locator(".typing-dot").first().evaluate("(e) => getComputedStyle(e).animationName"))
			.isEqualTo("bounce");
		this.page.emulateMedia(new Page.EmulateMediaOptions().setReducedMotion(ReducedMotion.REDUCE));
		assertThat(typing.locator(".typing-dot").first().evaluate("(e) => getComputedStyle(e).animationName"))
			.isEqualTo("none");
		assertThat(typing.locator(".typing-dot").first().evaluate("(e) => getComputedStyle(e).opacity")).isEqualTo("1");
		Chromium.screenshot(this.page, "desktop-light-thinking");
		this.page.keyboard().press("Escape");
		assertThat(lastAnswer().locator(".stopped-note")).isVisible();
	}

	@Test
	void enterWhileAnAnswerStreamsSaysWhatHappensAndKeepsTheMessage() {
		agent.stream(Script.slow("c-busy", Duration.ofMillis(150), 12));
		send("Stream slowly please");
		Locator input = this.page.getByLabel("Message to Assistant");
		input.fill("A follow-up");
		input.press("Enter");
		Locator note = this.page.locator("#composer-note");
		assertThat(note).isVisible();
		assertThat(note).containsText("Assistant is still answering. Your message stays here");
		assertThat(input).hasValue("A follow-up");
		assertThat(this.page.locator(".message-user")).hasCount(1);
		awaitAnswer();
		assertThat(note).isHidden();
		input.press("Enter");
		assertThat(this.page.locator(".message-user")).hasCount(2);
		assertThat(this.page.locator(".message-user .bubble").last()).hasText("A follow-up");
	}

	private void assertNoAxeViolations(String state) {
		// Let the entrance animations end: axe measures contrast on what is painted.
		this.page.evaluate("""
				() => Promise.all(document.getAnimations()
				    .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
				    .map((a) => a.finished.catch(() => null)))""");
		assertThat(Chromium.axe(this.page)).as("axe-core violations: " + state).isEmpty();
	}

}
