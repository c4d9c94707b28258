package dev.project51.frontend.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.Role;
import dev.project51.frontend.support.FakeAgents;
import dev.project51.testsupport.agent.Script;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in real headless Chromium, in front of a fake agent whose answers are
 * scripted: rendering, safety against hostile model output, keyboard use, stopping,
 * retrying, themes and layouts.
 */
class ChatPageBrowserIT extends ChatPageTestSupport {

	static final String HOSTILE_ANSWER = """
			Payloads: <img src=x onerror="window.__xss='img'"> and <script>window.__xss='script'</script>
			<iframe src="javascript:window.__xss='iframe'"></iframe>
			A [trap](javascript:window.__xss='link') and ![pic](javascript:window.__xss='image') \
			and <a href="javascript:window.__xss='a'">raw link</a> and <svg onload="window.__xss='svg'"></svg>""";

	@Test
	void streamsAnAnswerAndRendersItsMarkdown() {
		agent.stream(Script.answer("c-rich", "gpt-test", false,
				List.of(new Citation("knowledge/rolling-back.md", "Rolling back", "deploy.sh rolls back by itself.")),
				tokens(RICH_ANSWER)));
		send("How do I roll back a release?");
		Locator answer = lastAnswer();
		assertThat(answer.locator(".markdown ol > li")).hasCount(3);
		assertThat(answer.locator(".markdown strong").first()).hasText("rollback");
		assertThat(answer.locator(".markdown pre code")).hasText("kubectl rollout undo deployment/frontend");
		assertThat(answer.locator(".markdown pre")).hasAttribute("data-language", "bash");
		Locator link = answer.locator(".markdown a");
		assertThat(link).hasText("Kubernetes docs");
		assertThat(link).hasAttribute("href", "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/");
		assertThat(link).hasAttribute("rel", "noopener noreferrer");
		assertThat(link).hasAttribute("target", "_blank");
		assertThat(answer.locator(".badge-model")).hasText("gpt-test");
		assertThat(answer.locator(".badge-degraded")).hasCount(0);
		assertThat(answer.locator(".sources-summary")).hasText("1 source");
		answer.locator(".sources-summary").click();
		assertThat(answer.locator(".source-title")).hasText("Rolling back");
		assertThat(answer.locator(".source-path")).hasText("knowledge/rolling-back.md");
		assertThat(this.page.locator("#announcer")).containsText("Assistant answered: Here is how a rollback works");
		assertThat(this.page.locator("#welcome")).isHidden();
		String request = agent.requests("POST", AgentApi.CHAT_STREAM_PATH).get(0).body();
		assertThat(this.json.readTree(request).get("message").asString()).isEqualTo("How do I roll back a release?");
	}

	@Test
	void showsTokensBeforeTheAnswerIsComplete() {
		agent.stream(Script.slow("c-slow", Duration.ofMillis(120), 12));
		send("Stream slowly please");
		Locator answer = lastAnswer();
		assertThat(answer).hasClass(Pattern.compile("is-streaming"));
		assertThat(answer.locator(".markdown")).containsText("word2");
		assertThat(answer).hasAttribute("aria-busy", "true");
		assertThat(answer.locator(".markdown")).containsText("word11",
				new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
		assertThat(answer).not().hasClass(Pattern.compile("is-streaming"));
	}

	@Test
	void hostileMarkupInAnAnswerIsShownAsTextAndNeverRuns() {
		agent.stream(Script.answer(
				"c-xss", "gpt-test", false, List.of(new Citation("knowledge/<script>.md",
						"<img src=x onerror=\"window.__xss='citation'\">", "<script>window.__xss='excerpt'</script>")),
				tokens(HOSTILE_ANSWER)));
		send("Show me your payloads");
		Locator answer = lastAnswer();
		assertThat(answer.locator(".markdown")).containsText("<img src=x onerror=\"window.__xss='img'\">");
		assertThat(answer.locator(".markdown")).containsText("<script>window.__xss='script'</script>");
		assertThat(answer.locator(".markdown")).containsText("<svg onload=");
		assertThat(answer.locator(".markdown")).containsText("trap");
		answer.locator(".sources-summary").click();
		assertThat(answer.locator(".source-title")).hasText("<img src=x onerror=\"window.__xss='citation'\">");
		String active = "img, script, iframe, svg, object, embed, style";
		assertThat(answer.locator(".markdown").locator(active)).hasCount(0);
		assertThat(answer.locator(".sources-list").locator(active)).hasCount(0);
		assertThat(answer.locator(".markdown a")).hasCount(0);
		this.page.waitForTimeout(300);
		assertThat(this.page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
		Chromium.screenshot(this.page, "desktop-light-hostile-markup");
	}

	@Test
	void bidirectionalControlsAreRemovedFromAnswersAndCitationTitles() {
		agent.stream(Script.answer("c-bidi", "gpt-test", false,
				List.of(new Citation("knowledge/invoice.md", "Invoice \u202eexe.pdf\u202c", "Pay \u2066now\u2069")),
				tokens("Open \u202etxt.exe\u202c, then **\u202dbold\u202c**.")));
		send("Which file?");
		Locator answer = lastAnswer();
		assertThat(answer.locator(".markdown")).hasText(Pattern.compile("Open txt\\.exe, then bold\\."));
		answer.locator(".sources-summary").click();
		assertThat(answer.locator(".source-title")).hasText("Invoice exe.pdf");
		assertThat(this.page.evaluate("() => /[\\u202a-\\u202e\\u2066-\\u2069]/.test(document.body.textContent)"))
			.isEqualTo(false);
	}

	@Test
	void markdownRendererNeverCreatesActiveContent() {
		List<String> payloads = List.of("<script>window.__xss=1</script>", "<img src=x onerror=window.__xss=2>",
				"[x](javascript:window.__xss=3)", "[x](JaVaScRiPt:window.__xss=4)", "[x]( javascript:alert(1))",
				"[x](data:text/html,<script>window.__xss=5</script>)", "[x](vbscript:msgbox(1))",
				"<a href=\"javascript:window.__xss=6\">a</a>", "![x](https://evil.example/pixel.png)",
				"<style>body{display:none}</style>", "```html\n<script>window.__xss=7</script>\n```",
				"`<b onmouseover=window.__xss=8>`", "**<u onclick=window.__xss=9>bold</u>**",
				"| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=10> | [y](javascript:1) |",
				"> <iframe src=javascript:window.__xss=11>", "- <object data=x></object>\n  - <embed src=x>",
				"https://example.com/<script>", "<https://example.com/\"onmouseover=\"x>", "x" + "*".repeat(5000) + "x",
				"[".repeat(3000) + "x" + "](".repeat(3000), "_a_".repeat(2000));
		for (String payload : payloads) {
			Object result = this.page.evaluate(
					"""
							(markdown) => {
							  const box = document.createElement('div');
							  box.appendChild(window.Project51.renderMarkdown(markdown));
							  document.body.appendChild(box);
							  const bad = box.querySelectorAll('script, img, iframe, object, embed, style, svg, link, meta, base, form, input');
							  const attributes = [...box.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
							      .filter(name => name.startsWith('on') || name === 'style' || name === 'src' || name === 'srcdoc');
							  const hrefs = [...box.querySelectorAll('[href]')].map(a => a.getAttribute('href'))
							      .filter(href => !/^https?:\\/\\//i.test(href));
							  const text = box.textContent;
							  box.remove();
							  return { bad: bad.length, attributes: attributes.length, hrefs: hrefs.length, text: text.length };
							}""",
					payload);
			@SuppressWarnings("unchecked")
			Map<String, Object> counts = (Map<String, Object>) result;
			assertThat(counts).as(payload.length() > 80 ? payload.substring(0, 80) + "…" : payload)
				.containsEntry("bad", 0)
				.containsEntry("attributes", 0)
				.containsEntry("hrefs", 0);
			assertThat(((Number) counts.get("text")).intValue()).as("text kept").isGreaterThan(0);
		}
		assertThat(this.page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
	}

	static final String CODE_ANSWER = """
			Run this:

			```bash
			kubectl rollout undo deployment/frontend --to-revision=2 && kubectl rollout status deployment/frontend --timeout=120s # waits
			```

			Or from Java:

			```java
			public final class Rollback { public static void main(String[] args) { System.out.println("rolling back"); } }
			```""";

	@Test
	void codeBlocksShowTheirLanguageAreHighlightedCopyableAndScrollWithTheKeyboard() {
		this.context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
		agent.stream(Script.answer("c-code", "gpt-test", false, List.of(), tokens(CODE_ANSWER)));
		send("How do I roll back from a script?");
		awaitAnswer();
		Locator blocks = lastAnswer().locator(".markdown .code-block");
		assertThat(blocks).hasCount(2);
		Locator bash = blocks.first();
		assertThat(bash.locator(".code-language")).hasText("bash");
		Locator pre = bash.locator("pre");
		assertThat(pre).hasAttribute("data-language", "bash");
		assertThat(pre).hasAttribute("tabindex", "0");
		assertThat(pre).hasAttribute("role", "group");
		assertThat(pre).hasAttribute("aria-label", "bash code");
		assertThat(pre.locator("code")).hasText("kubectl rollout undo deployment/frontend --to-revision=2 && kubectl"
				+ " rollout status deployment/frontend --timeout=120s # waits");
		assertThat(pre.locator(".hljs-comment")).hasText("# waits");
		Locator java = blocks.last();
		assertThat(java.locator(".code-language")).hasText("java");
		assertThat(java.locator("pre .hljs-keyword").first()).hasText("public");
		assertThat(java.locator("pre .hljs-string")).hasText("\"rolling back\"");
		// Highlighted in the page's own colours, not the text colour.
		assertThat(java.locator("pre .hljs-keyword").first().evaluate("(e) => getComputedStyle(e).color"))
			.isNotEqualTo(java.locator("pre code").evaluate("(e) => getComputedStyle(e).color"));

		// Wider than the answer: reachable with Tab, scrolled with the arrow keys.
		assertThat((Boolean) pre.evaluate("(e) => e.scrollWidth > e.clientWidth")).as("wide").isTrue();
		bash.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy code")).focus();
		this.page.keyboard().press("Tab");
		assertThat(pre).isFocused();
		for (int i = 0; i < 5; i++) {
			this.page.keyboard().press("ArrowRight");
		}
		this.page.waitForFunction("(e) => e.scrollLeft > 0", pre.elementHandle());
		Object outline = pre.evaluate("(e) => getComputedStyle(e).outlineStyle");
		assertThat(outline).isEqualTo("solid");

		Locator copy = bash.locator(".code-copy");
		assertThat(copy).hasAccessibleName("Copy code");
		copy.click();
		assertThat(copy).containsText("Copied");
		assertThat(this.page.evaluate("() => navigator.clipboard.readText()"))
			.isEqualTo("kubectl rollout undo deployment/frontend --to-revision=2 && kubectl rollout status"
					+ " deployment/frontend --timeout=120s # waits");
		assertThat(this.page.locator("#announcer")).hasText("Code copied.");
	}

	@Test
	void softLineBreaksStaySoftHeadingsFollowThePageAndExcerptsAreMarkdown() {
		String answer = """
				# Rolling back

				The first line
				and the second line are one paragraph.

				#### Deep down

				## Back up

				| step | seconds |
				|:-----|--------:|
				| undo | 3 |""";
		agent.stream(
				Script
					.answer("c-md", "gpt-test", false,
							List.of(new Citation("knowledge/rolling-back.md", "Rolling back",
									"# Runbook\n\nUse **deploy.sh** and `kubectl`:\n\n- watch\n- undo")),
							tokens(answer)));
		send("Tell me about rolling back");
		awaitAnswer();
		Locator markdown = lastAnswer().locator(".markdown");
		assertThat(markdown.locator("p").first()).hasText("The first line and the second line are one paragraph.");
		assertThat(markdown.locator("p br")).hasCount(0);
		// Below the page's h1 and the message's own h2 (its author), never skipping a
		// level.
		assertThat(lastAnswer().getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setLevel(2)))
			.hasText("Assistant");
		assertThat(markdown.locator("h1, h2")).hasCount(0);
		assertThat(markdown.locator("h3")).hasText("Rolling back");
		assertThat(markdown.locator("h4")).hasText(new String[] { "Deep down", "Back up" });
		assertThat(markdown.locator("h5, h6")).hasCount(0);
		Locator table = markdown.locator(".md-table");
		assertThat(table).hasAttribute("tabindex", "0");
		assertThat(table.locator("th").first()).hasAttribute("scope", "col");
		assertThat(table.locator("th").first()).hasAttribute("data-align", "left");
		assertThat(table.locator("td").last()).hasAttribute("data-align", "right");
		assertThat(table.locator("td").last().evaluate("(e) => getComputedStyle(e).textAlign")).isEqualTo("right");

		lastAnswer().locator(".sources-summary").click();
		Locator excerpt = lastAnswer().locator(".source-excerpt");
		assertThat(excerpt.locator("strong")).hasText("deploy.sh");
		assertThat(excerpt.locator("code")).hasText("kubectl");
		assertThat(excerpt.locator("li")).hasText(new String[] { "watch", "undo" });
		// A quoted heading is a bold line, not part of the page's outline.
		assertThat(excerpt.locator("h1, h2, h3, h4, h5, h6")).hasCount(0);
		assertThat(excerpt.locator(".md-pseudo-heading")).hasText("Runbook");
		assertThat(excerpt).not().containsText("**");
	}

	@Test
	void trustedTypesAllowOnlyDomPurifysPolicy() {
		@SuppressWarnings("unchecked")
		Map<String, Object> result = (Map<String, Object>) this.page.evaluate("""
				() => {
				  const outcome = (attempt) => { try { attempt(); return 'allowed'; } catch (e) { return e.name; } };
				  return {
				    html: outcome(() => document.body.insertAdjacentHTML('beforeend', '<b>x</b>')),
				    inner: outcome(() => { document.createElement('div').innerHTML = '<b>x</b>'; }),
				    policy: outcome(() => trustedTypes.createPolicy('mine', { createHTML: (s) => s })),
				    again: outcome(() => trustedTypes.createPolicy('dompurify', { createHTML: (s) => s })),
				    purified: outcome(() => window.Project51.renderMarkdown('*fine*'))
				  };
				}""");
		assertThat(result).containsEntry("html", "TypeError")
			.containsEntry("inner", "TypeError")
			.containsEntry("policy", "TypeError")
			.containsEntry("again", "TypeError")
			.containsEntry("purified", "allowed");
		this.page.waitForTimeout(200);
		assertThat(Chromium.violations(this.page)).hasSize(4)
			.allSatisfy(
					(violation) -> assertThat(violation).containsAnyOf("require-trusted-types-for", "trusted-types"));
		assertThat(this.problems).hasSize(4).allSatisfy((problem) -> assertThat(problem).contains("Trusted"));
		// The violations and their console errors above were this test's own doing.
		this.page.evaluate("() => { window.__violations = []; }");
		this.problems.clear();
	}

	@Test
	void enterSendsAndShiftEnterStartsANewLine() {
		Locator input = this.page.getByLabel("Message to Assistant");
		input.focus();
		this.page.keyboard().type("first line");
		this.page.keyboard().press("Shift+Enter");
		this.page.keyboard().type("second line");
		assertThat(input).hasValue("first line\nsecond line");
		assertThat(this.page.locator(".message-user")).hasCount(0);
		this.page.keyboard().press("Enter");
		assertThat(this.page.locator(".message-user .bubble")).hasText("first line\nsecond line");
		assertThat(input).hasValue("");
		assertThat(input).isFocused();
		assertThat(lastAnswer().locator(".markdown")).hasText("Hello, world!");
		String request = agent.requests("POST", AgentApi.CHAT_STREAM_PATH).get(0).body();
		assertThat(this.json.readTree(request).get("message").asString()).isEqualTo("first line\nsecond line");
	}

	@Test
	void stopEndsTheAnswerAndCancelsTheAgentsWork() throws Exception {
		agent.stream(Script.slow("c-stop", Duration.ofMillis(200), 300));
		send("Tell me everything");
		Locator answer = lastAnswer();
		assertThat(answer.locator(".markdown")).containsText("word1");
		Locator stop = this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop the answer"));
		assertThat(stop).isVisible();
		stop.click();
		assertThat(answer.locator(".stopped-note")).hasText("Stopped. The answer is incomplete.");
		assertThat(this.page.locator("#send")).hasAttribute("data-mode", "send");
		assertThat(agent.awaitStreamCancelled(Duration.ofSeconds(10))).as("agent stream cancelled").isTrue();
		assertThat(answer.locator(".markdown")).containsText("word0");

		// Escape does the same from the keyboard.
		agent.stream(Script.slow("c-escape", Duration.ofMillis(200), 300));
		agent.resetStreamCancelled();
		send("Tell me everything again");
		assertThat(lastAnswer().locator(".markdown")).containsText("word1");
		this.page.keyboard().press("Escape");
		assertThat(lastAnswer().locator(".stopped-note")).isVisible();
		assertThat(agent.awaitStreamCancelled(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void aFailedAnswerShowsAnInlineErrorWithARetryThatWorks() {
		agent.stream(Script.problem(ProblemDetail.of(ProblemType.CONVERSATION_BUSY,
				"This conversation is still answering a previous message. Wait for that answer, then send again.",
				"/api/v1/chat/stream")));
		send("Are you there?");
		Locator answer = lastAnswer();
		Locator error = answer.locator(".error");
		assertThat(error).hasAttribute("role", "alert");
		assertThat(error).containsText("still answering a previous message");
		// The light palette's danger tone (--danger-soft, --danger-text).
		assertThat(error).hasCSS("background-color", "rgb(253, 236, 234)");
		assertThat(error).hasCSS("color", "rgb(143, 31, 23)");
		Chromium.screenshot(this.page, "desktop-light-inline-error");
		agent.stream(Script.answer("c-retry", "local", true, List.of(), "I am here now."));
		answer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry")).click();
		assertThat(answer.locator(".markdown")).hasText("I am here now.");
		assertThat(answer.locator(".error")).hasCount(0);
		assertThat(answer.locator(".badge-model")).hasText("local");
		assertThat(answer.locator(".badge-degraded")).containsText("Fallback");
		assertThat(this.page.locator(".message-user")).hasCount(1);
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).hasSize(2);
	}

	@Test
	void aRateLimitDelaysTheRetryButton() {
		agent.stream(
				Script.problem(ProblemDetail.of(ProblemType.RATE_LIMITED, "Slow down a little.", "/api/v1/chat/stream")
					.withRetryAfterSeconds(2), "Retry-After", "2"));
		send("Hello again");
		Locator retry = lastAnswer().locator(".button-retry");
		assertThat(retry).isDisabled();
		assertThat(retry).containsText("Retry in");
		assertThat(retry)
			.isEnabled(new com.microsoft.playwright.assertions.LocatorAssertions.IsEnabledOptions().setTimeout(5_000));
	}

	@Test
	void showsADegradedAgentWithTheModelInUse() {
		agent.models(List.of(new ModelStatus("gpt-test", "openai", CircuitState.OPEN, "HTTP 500", 9, 7),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 3, 0)));
		this.page.reload();
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "degraded");
		assertThat(this.page.locator("#status .status-label")).hasText("Degraded");
		assertThat(this.page.locator("#status .status-model")).hasText("local");
		assertThat(this.page.locator("#notice"))
			.containsText("gpt-test is failing (HTTP 500), so local answers in its place");
		agent.models(FakeAgents.defaultModels());
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy");
		assertThat(this.page.locator("#notice")).isHidden();
	}

	@Test
	void anInterruptedAnswerKeepsItsTextIsMarkedAndRetryGetsACompleteAnswer() {
		agent.stream(Script.failAfter(ProblemDetail.answerInterrupted("/api/v1/chat/stream"), "Roll back ",
				"with **deploy.sh** and then"));
		send("How do I roll back?");
		// The first answer, also once the retry added another one.
		Locator answer = this.page.locator(".message-assistant").first();
		Locator note = answer.locator(".interrupted-note");
		assertThat(note).hasAttribute("role", "alert");
		assertThat(note).containsText(ProblemDetail.answerInterrupted(null).title());
		assertThat(note).containsText(ProblemDetail.answerInterrupted(null).detail());
		// The light palette's warning tone (--warn-soft, --warn-text).
		assertThat(note).hasCSS("background-color", "rgb(255, 244, 222)");
		assertThat(note).hasCSS("color", "rgb(116, 70, 0)");
		assertThat(answer.locator(".markdown")).hasText("Roll back with deploy.sh and then");
		assertThat(answer.locator(".markdown strong")).hasText("deploy.sh");
		assertThat(answer.locator(".badge-interrupted")).containsText("Interrupted");
		assertThat(answer).hasAttribute("aria-label", "Assistant answered (interrupted, incomplete)");
		assertThat(answer).hasClass(Pattern.compile("is-interrupted"));
		assertThat(answer).not().hasClass(Pattern.compile("is-streaming"));
		assertThat(answer).not().hasAttribute("aria-busy", "true");
		assertThat(this.page.locator("#announcer")).containsText("answer was interrupted");
		Chromium.screenshot(this.page, "desktop-light-interrupted");

		agent.stream(Script.answer("c-fake", "gpt-test", false, List.of(), "Run ", "deploy.sh --rollback", "."));
		answer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry")).click();
		assertThat(this.page.locator(".message-assistant")).hasCount(2);
		Locator retried = lastAnswer();
		assertThat(retried.locator(".markdown")).hasText("Run deploy.sh --rollback.");
		assertThat(retried.locator(".badge-interrupted")).hasCount(0);
		assertThat(retried).not().hasClass(Pattern.compile("is-interrupted"));
		// The interrupted answer stays as it was, as the agent's history records it.
		assertThat(answer.locator(".markdown")).hasText("Roll back with deploy.sh and then");
		assertThat(answer.locator(".badge-interrupted")).isVisible();
		assertThat(answer.locator(".button-retry")).hasCount(0);
		assertThat(this.page.locator(".message-user .bubble"))
			.hasText(new String[] { "How do I roll back?", "How do I roll back?" });
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH))
			.extracting((request) -> this.json.readTree(request.body()).get("message").asString())
			.containsExactly("How do I roll back?", "How do I roll back?");
	}

	@Test
	void anAnswerCutOffWithoutAnyErrorIsMarkedAsInterruptedWithTheSameWords() {
		// The page notices itself: the stream ends after a token, without done or error.
		this.page.route("**/api/chat/stream",
				(route) -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200)
					.setContentType("text/event-stream")
					.setBody("event: meta\ndata: {\"conversationId\":\"c-cut\",\"model\":\"gpt-test\"}\n\n"
							+ "event: token\ndata: {\"text\":\"Half an\"}\n\n")));
		send("Tell me all");
		Locator answer = lastAnswer();
		assertThat(answer.locator(".interrupted-note .error-title"))
			.hasText(ProblemDetail.answerInterrupted(null).title());
		assertThat(answer.locator(".interrupted-note .error-detail"))
			.hasText(ProblemDetail.answerInterrupted(null).detail());
		assertThat(answer.locator(".markdown")).hasText("Half an");
		assertThat(answer.locator(".badge-interrupted")).isVisible();
	}

	@Test
	void aConversationFromHistoryShowsAnInterruptedAnswerTheSameWay() {
		Instant at = Instant.parse("2026-11-28T09:30:00Z");
		agent.conversation(new Conversation("c-cut",
				List.of(new ConversationMessage(Role.USER, "Explain the rollout", null, false, List.of(), at),
						new ConversationMessage(Role.ASSISTANT, "The rollout starts with", "gpt-test", false, List.of(),
								at.plusSeconds(3), true))));
		this.page.evaluate("() => localStorage.setItem('project51.conversationId', 'c-cut')");
		this.page.reload();
		Locator answer = this.page.locator(".message-assistant").first();
		assertThat(answer.locator(".markdown")).hasText("The rollout starts with");
		assertThat(answer.locator(".badge-interrupted")).containsText("Interrupted");
		assertThat(answer).hasAttribute("aria-label", "Assistant answered (interrupted, incomplete)");
		Locator note = answer.locator(".interrupted-note");
		assertThat(note).containsText(ProblemDetail.answerInterrupted(null).detail());
		assertThat(note).not().hasAttribute("role", "alert");
		answer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry")).click();
		assertThat(lastAnswer().locator(".markdown")).hasText("Hello, world!");
		String request = agent.requests("POST", AgentApi.CHAT_STREAM_PATH).get(0).body();
		assertThat(this.json.readTree(request).get("message").asString()).isEqualTo("Explain the rollout");
		assertThat(this.json.readTree(request).get("conversationId").asString()).isEqualTo("c-cut");
	}

	@Test
	void theStatusPillShowsDegradedWithTheReasonWhileThePreferredModelFailsWithItsCircuitClosed() {
		String detail = "gpt-4o-mini is failing (no first token within 8 s), so local answers in its place until it"
				+ " recovers.";
		agent.models(List.of(
				new ModelStatus("gpt-4o-mini", "openai", CircuitState.CLOSED, "no first token within 8 s", 6, 2, true),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 2, 0)));
		this.page.reload();
		Locator pill = this.page.locator("#status");
		assertThat(pill).hasAttribute("data-state", "degraded");
		assertThat(pill.locator(".status-label")).hasText("Degraded");
		assertThat(pill.locator(".status-model")).hasText("local");
		assertThat(pill).hasAttribute("title", detail);
		assertThat(this.page.locator("#notice")).containsText(detail);
		assertThat(this.page.locator("#notice")).not().containsText("Exception");
		Chromium.screenshot(this.page, "desktop-light-degraded-slow-primary");
		agent.models(FakeAgents.defaultModels());
		assertThat(pill).hasAttribute("data-state", "healthy");
	}

	@Test
	void anAnswerFromAFallbackModelTurnsThePillDegradedAtOnce() {
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy");
		// From now on no status check answers: only the answer itself can tell.
		this.page.route("**/api/status", (route) -> {
		});
		agent.stream(Script.answer("c-fallback", "local", true, List.of(), "Answered offline."));
		send("Are you degraded?");
		assertThat(lastAnswer().locator(".markdown")).hasText("Answered offline.");
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "degraded");
		assertThat(this.page.locator("#status .status-model")).hasText("local");
		assertThat(this.page.locator("#notice")).containsText("local answers in its place");
	}

	@Test
	void aMessageSentWhileTheAgentIsUnreachableWaitsAndIsAnsweredByItselfWhenItIsBack() {
		agent.stopListening();
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "unavailable");
		sendExpectingNoAnswer("Are you there?");
		Locator question = this.page.locator(".message-user").last();
		assertThat(question.locator(".pending-note"))
			.containsText("Not sent yet: it will be sent when the assistant is back.");
		assertThat(question).hasClass(Pattern.compile("is-pending"));
		assertThat(question).hasAttribute("aria-label", "You said (not sent yet)");
		assertThat(this.page.locator(".message-assistant")).hasCount(0);
		assertThat(this.page.locator("#announcer")).containsText("will be sent when it is back");
		assertThat((String) this.page.evaluate("() => localStorage.getItem('project51.pending')"))
			.contains("Are you there?");
		Chromium.screenshot(this.page, "desktop-light-pending");

		agent.startListening();
		// No click: the status check finds the agent back and the message goes out.
		assertThat(lastAnswer().locator(".markdown")).hasText("Hello, world!");
		assertThat(question.locator(".pending-note")).hasCount(0);
		assertThat(question).not().hasClass(Pattern.compile("is-pending"));
		assertThat(this.page.locator(".message-user")).hasCount(1);
		assertThat(this.page.evaluate("() => localStorage.getItem('project51.pending')")).isNull();
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).singleElement()
			.satisfies((request) -> assertThat(this.json.readTree(request.body()).get("message").asString())
				.isEqualTo("Are you there?"));
	}

	@Test
	void aWaitingMessageSurvivesAReloadAndIsOfferedInsteadOfSentSilently() {
		agent.stopListening();
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "unavailable");
		sendExpectingNoAnswer("Remember this question");
		assertThat(this.page.locator(".pending-note")).isVisible();
		// One message waits at a time: a second one stays in the box, with a note.
		Locator input = this.page.getByLabel("Message to Assistant");
		input.fill("A second question");
		input.press("Enter");
		assertThat(this.page.locator("#composer-note")).containsText("still waiting for the assistant");
		assertThat(input).hasValue("A second question");
		assertThat(this.page.locator(".message-user")).hasCount(1);

		this.page.reload();
		Locator question = this.page.locator(".message-user").last();
		assertThat(question.locator(".bubble")).hasText("Remember this question");
		assertThat(question.locator(".pending-note")).containsText("Not sent: the assistant was unavailable");
		Locator sendNow = question.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send now"));
		assertThat(sendNow).isVisible();
		assertThat(question.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Discard"))).isVisible();
		assertThat(this.page.locator("#welcome")).isHidden();

		agent.startListening();
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy");
		// One more status check later, still nothing was sent without asking.
		this.page.waitForResponse((response) -> response.url().endsWith("/api/status"), () -> {
		});
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).isEmpty();
		assertThat(sendNow).isVisible();

		sendNow.click();
		assertThat(lastAnswer().locator(".markdown")).hasText("Hello, world!");
		assertThat(question.locator(".pending-note")).hasCount(0);
		assertThat(this.page.evaluate("() => localStorage.getItem('project51.pending')")).isNull();
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).hasSize(1);
	}

	@Test
	void aWaitingMessageCanBeDiscarded() {
		this.page.evaluate("() => localStorage.setItem('project51.pending',"
				+ " JSON.stringify({'': {message: 'Never mind', at: '2026-11-28T09:30:00Z'}}))");
		this.page.reload();
		Locator question = this.page.locator(".message-user");
		assertThat(question.locator(".bubble")).hasText("Never mind");
		question.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Discard")).click();
		assertThat(this.page.locator(".message")).hasCount(0);
		assertThat(this.page.locator("#welcome")).isVisible();
		assertThat(this.page.evaluate("() => localStorage.getItem('project51.pending')")).isNull();
		assertThat(this.page.locator("#announcer")).containsText("discarded");
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).isEmpty();
	}

	@Test
	void reloadShowsTheConversationKeptByTheAgentOrStartsAfresh() {
		Instant at = Instant.parse("2026-11-28T09:30:00Z");
		agent.conversation(new Conversation("c-kept",
				List.of(new ConversationMessage(Role.USER, "What is *Project51*?", null, false, List.of(), at),
						new ConversationMessage(Role.ASSISTANT, "A toolkit for **self-healing** agents.", "local", true,
								List.of(new Citation("knowledge/project51.md", "Project51", null)),
								at.plusSeconds(3)))));
		this.page.evaluate("() => localStorage.setItem('project51.conversationId', 'c-kept')");
		this.page.reload();
		assertThat(this.page.locator(".message-user .bubble")).hasText("What is *Project51*?");
		Locator answer = lastAnswer();
		assertThat(answer.locator(".markdown strong")).hasText("self-healing");
		assertThat(answer.locator(".badge-degraded")).isVisible();
		assertThat(answer.locator(".sources-summary")).hasText("1 source");
		assertThat(this.page.locator("#welcome")).isHidden();
		send("And what else?");
		assertThat(lastAnswer().locator(".markdown")).hasText("Hello, world!");
		String request = agent.requests("POST", AgentApi.CHAT_STREAM_PATH).get(0).body();
		assertThat(this.json.readTree(request).get("conversationId").asString()).isEqualTo("c-kept");

		// A conversation the agent forgot starts afresh.
		this.page.evaluate("() => localStorage.setItem('project51.conversationId', 'c-gone')");
		this.page.reload();
		assertThat(this.page.locator("#welcome")).isVisible();
		assertThat(this.page.evaluate("() => localStorage.getItem('project51.conversationId')")).isNull();
	}

	@Test
	void newConversationClearsThePageAndForgetsTheId() {
		send("Hello");
		assertThat(lastAnswer().locator(".markdown")).hasText("Hello, world!");
		assertThat(this.page.evaluate("() => localStorage.getItem('project51.conversationId')")).isEqualTo("c-fake");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat")).click();
		assertThat(this.page.locator(".message")).hasCount(0);
		assertThat(this.page.locator("#welcome")).isVisible();
		assertThat(this.page.getByLabel("Message to Assistant")).isFocused();
		assertThat(this.page.evaluate("() => localStorage.getItem('project51.conversationId')")).isNull();
		// A suggestion sends its question.
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("How do I roll back a release?"))
			.click();
		assertThat(this.page.locator(".message-user .bubble")).hasText("How do I roll back a release?");
		assertThat(lastAnswer().locator(".markdown")).hasText("Hello, world!");
		String second = agent.requests("POST", AgentApi.CHAT_STREAM_PATH).get(1).body();
		assertThat(this.json.readTree(second).has("conversationId")).isFalse();
	}

	@Test
	void themeFollowsTheSystemAndTheToggleIsRemembered() {
		this.context.close();
		open(1280, 800, ColorScheme.DARK);
		assertThat(background()).isEqualTo("rgb(16, 18, 22)");
		Locator toggle = this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dark theme"));
		assertThat(toggle).hasAttribute("aria-pressed", "true");
		// Without a choice the page follows the system's preference while it is open.
		this.page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
		assertThat(toggle).hasAttribute("aria-pressed", "false");
		assertThat(background()).isEqualTo("rgb(245, 246, 248)");
		this.page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
		assertThat(toggle).hasAttribute("aria-pressed", "true");
		assertThat(background()).isEqualTo("rgb(16, 18, 22)");
		toggle.click();
		assertThat(toggle).hasAttribute("aria-pressed", "false");
		assertThat(background()).isEqualTo("rgb(245, 246, 248)");
		this.page.reload();
		assertThat(background()).isEqualTo("rgb(245, 246, 248)");
		assertThat(this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dark theme")))
			.hasAttribute("aria-pressed", "false");
		// A choice outlasts a change of the system's preference.
		this.page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
		this.page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
		// Media query listeners run before the next frame's callbacks.
		this.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
		assertThat(background()).isEqualTo("rgb(245, 246, 248)");
		assertThat(this.page.locator("html")).hasAttribute("data-theme", "light");
	}

	@Test
	void isAccessibleAndUsableWithTheKeyboardAlone() {
		assertThat(this.page.locator("html")).hasAttribute("lang", "en");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Project51 Assistant");
		assertThat(this.page.getByRole(AriaRole.MAIN)).hasCount(1);
		assertThat(this.page.getByRole(AriaRole.BANNER)).hasCount(1);
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasCount(1);
		assertThat(this.page.locator("#announcer")).hasAttribute("aria-live", "polite");
		assertThat(this.page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message to Assistant")))
			.isVisible();
		assertThat(this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send message")))
			.isVisible();
		assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy");
		assertThat(this.page.locator("#status")).containsText("Online");
		this.page.keyboard().press("Tab");
		Locator skip = this.page.locator(".skip-link");
		assertThat(skip).isFocused();
		assertThat(skip).isInViewport();
		this.page.keyboard().press("Enter");
		assertThat(this.page.getByLabel("Message to Assistant")).isFocused();
		this.page.keyboard().type("Typed without a mouse");
		this.page.keyboard().press("Enter");
		assertThat(lastAnswer().locator(".markdown")).hasText("Hello, world!");
		// Every control can be reached with Tab and shows where the focus is.
		this.page.locator("body").focus();
		for (String selector : List.of("#new-chat", "#theme-toggle", "#send")) {
			Locator control = this.page.locator(selector);
			control.focus();
			this.page.keyboard().press("Shift+Tab");
			this.page.keyboard().press("Tab");
			assertThat(control).isFocused();
			Object outline = control
				.evaluate("(e) => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth");
			assertThat((String) outline).as(selector).startsWith("solid").doesNotEndWith(" 0px");
		}
	}

	@Test
	void screenshotsOfAConversationOnDesktopAndPhoneInBothThemes() {
		for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
			for (int[] size : List.of(new int[] { 1280, 800 }, new int[] { 390, 844 })) {
				this.context.close();
				agent.reset();
				agent.requireToken(TOKEN);
				open(size[0], size[1], scheme);
				String name = (size[0] < 600 ? "phone" : "desktop") + "-"
						+ scheme.name().toLowerCase(java.util.Locale.ROOT);
				assertThat(this.page.locator("#status")).hasAttribute("data-state", "healthy");
				Chromium.screenshot(this.page, name + "-welcome");
				agent.stream(Script.answer("c-shot", "gpt-4o-mini", false,
						List.of(new Citation("knowledge/rolling-back.md", "Rolling back",
								"deploy.sh waits for the rollout and rolls back by itself when it fails.")),
						tokens(RICH_ANSWER)));
				send("How do I roll back a release?");
				assertThat(lastAnswer().locator(".badge-model")).hasText("gpt-4o-mini");
				agent.stream(Script.answer("c-shot", "local", true, List.of(),
						tokens("The primary model is failing, so I answer **offline** from the knowledge base.")));
				agent.models(List.of(new ModelStatus("gpt-4o-mini", "openai", CircuitState.OPEN, "HTTP 503", 12, 8),
						new ModelStatus("local", "local", CircuitState.CLOSED, null, 2, 0)));
				send("Are you still there?");
				assertThat(lastAnswer().locator(".badge-degraded")).isVisible();
				assertThat(this.page.locator("#status")).hasAttribute("data-state", "degraded");
				lastAnswer().scrollIntoViewIfNeeded();
				Chromium.screenshot(this.page, name + "-conversation");
			}
		}
	}

	/** Send a message that is expected to wait for the agent, without an answer. */
	private void sendExpectingNoAnswer(String message) {
		Locator input = this.page.getByLabel("Message to Assistant");
		input.fill(message);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send message")).click();
		assertThat(this.page.locator(".message-user .bubble").last()).hasText(message);
		assertThat(this.page.locator(".message-user").last().locator(".pending-note")).isVisible();
	}

	private String background() {
		return (String) this.page.evaluate("() => getComputedStyle(document.body).backgroundColor");
	}

}
