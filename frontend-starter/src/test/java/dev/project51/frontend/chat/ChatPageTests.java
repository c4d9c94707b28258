package dev.project51.frontend.chat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.frontend.security.SecurityHeaders;
import dev.project51.frontend.support.FrontendHttpTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the chat page, its assets and the security headers, over real HTTP.
 */
class ChatPageTests extends FrontendHttpTestSupport {

	private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/project51/[^\"]+)\"");

	@Test
	void rendersThePageWithItsSettings() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
		String html = page.body();
		assertThat(html).contains("data-api=\"/api\"")
			.contains("data-max-length=\"50\"")
			.contains("data-poll-ms=\"15000\"")
			.contains("data-retry-initial-ms=\"1000\"")
			.contains("data-retry-max-ms=\"15000\"")
			// What the page says when it notices an interrupted answer itself: the
			// server's
			// words.
			.contains("data-interrupted-title=\"" + ProblemDetail.answerInterrupted(null).title() + "\"")
			.contains("data-interrupted-detail=\"" + ProblemDetail.answerInterrupted(null).detail() + "\"")
			.contains("maxlength=\"50\"")
			.contains("How do I roll back?")
			.contains("aria-live=\"polite\"")
			.contains("role=\"status\"")
			.contains("<label for=\"message\"");
	}

	@Test
	void escapesConfiguredTextInThePage() throws Exception {
		String html = get("/").body();
		assertThat(html).contains("<title>Test &lt;b&gt;desk&lt;/b&gt;</title>")
			.contains("What is &lt;script&gt;alert(1)&lt;/script&gt;?")
			.doesNotContain("<b>desk</b>")
			.doesNotContain("<script>alert(1)</script>");
	}

	@Test
	void pageHasNoInlineScriptOrStyle() throws Exception {
		String html = get("/").body();
		Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
		int count = 0;
		while (scripts.find()) {
			count++;
			assertThat(scripts.group(1)).contains("src=\"/project51/");
			assertThat(scripts.group(2)).isBlank();
		}
		assertThat(count).isEqualTo(1);
		assertThat(html).doesNotContainPattern("<style\\b")
			.doesNotContainPattern("\\sstyle=")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContainPattern("javascript:")
			.doesNotContain("http://")
			.doesNotContain("https://");
	}

	@Test
	void servesTheAssetsUnderContentHashedUrlsWithLongCaching() throws Exception {
		List<String> assets = assets(get("/").body());
		assertThat(assets).hasSize(3)
			.anySatisfy((url) -> assertThat(url).matches("/project51/chat-[0-9a-f]{32}\\.js"))
			.anySatisfy((url) -> assertThat(url).matches("/project51/chat-[0-9a-f]{32}\\.css"))
			.anySatisfy((url) -> assertThat(url).matches("/project51/icon-[0-9a-f]{32}\\.svg"));
		Map<String, String> types = Map.of(".js", "text/javascript", ".css", "text/css", ".svg", "image/svg+xml");
		for (String url : assets) {
			HttpResponse<String> asset = get(url);
			assertThat(asset.statusCode()).as(url).isEqualTo(200);
			String extension = url.substring(url.lastIndexOf('.'));
			assertThat(asset.headers().firstValue("Content-Type")).as(url)
				.hasValueSatisfying((type) -> assertThat(type).startsWith(types.get(extension)));
			assertThat(asset.headers().firstValue("Cache-Control")).as(url)
				.hasValueSatisfying((value) -> assertThat(value).contains("max-age=31536000"));
			assertThat(asset.headers().firstValue("X-Content-Type-Options")).as(url).hasValue("nosniff");
		}
	}

	@Test
	void scriptNeverInjectsHtml() throws Exception {
		String script = get(assetEndingWith(".js")).body();
		assertThat(script).doesNotContainPattern("\\.(innerHTML|outerHTML)\\s*[+]?=")
			.doesNotContainPattern("insertAdjacentHTML\\s*\\(")
			.doesNotContainPattern("document\\.write(ln)?\\s*\\(")
			.doesNotContainPattern("\\beval\\s*\\(")
			.doesNotContainPattern("new\\s+Function\\s*\\(")
			.doesNotContainPattern("setTimeout\\(\\s*['\"]")
			.doesNotContainPattern("DOMParser|createContextualFragment|srcdoc");
	}

	@Test
	void agentTokenAppearsInNoPageScriptStyleOrResponse() throws Exception {
		List<String> bodies = new ArrayList<>();
		String html = get("/").body();
		bodies.add(html);
		for (String url : assets(html)) {
			bodies.add(get(url).body());
		}
		bodies.add(get("/api/status").body());
		bodies.add(get("/actuator/health").body());
		bodies.add(get("/api/conversations/c-unknown").body());
		bodies.add(get("/no-such-page").body());
		assertThat(bodies).allSatisfy((body) -> assertThat(body).doesNotContain(TOKEN));
	}

	@Test
	void everyResponseCarriesTheSecurityHeaders() throws Exception {
		for (String path : List.of("/", assetEndingWith(".css"), "/api/status", "/api/conversations/c-unknown",
				"/actuator/health", "/no-such-page")) {
			HttpResponse<String> response = get(path);
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValue(SecurityHeaders.DEFAULT_CONTENT_SECURITY_POLICY);
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
			assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
			assertThat(response.headers().firstValue("Permissions-Policy")).as(path)
				.hasValueSatisfying((value) -> assertThat(value).contains("camera=()").contains("microphone=()"));
			assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy")).as(path).hasValue("same-origin");
			assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
		}
	}

	@Test
	void defaultPolicyIsAtLeastAsStrictAsRequired() {
		String policy = SecurityHeaders.DEFAULT_CONTENT_SECURITY_POLICY;
		assertThat(policy).contains("default-src 'none'")
			.contains("script-src 'self'")
			.contains("style-src 'self'")
			.contains("connect-src 'self'")
			.contains("img-src 'self' data:")
			.contains("object-src 'none'")
			.contains("base-uri 'none'")
			.contains("frame-ancestors 'none'")
			.contains("form-action 'self'")
			.doesNotContain("unsafe");
	}

	private String assetEndingWith(String suffix) throws Exception {
		return assets(get("/").body()).stream()
			.filter((url) -> url.endsWith(suffix))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No asset ending with " + suffix));
	}

	private static List<String> assets(String html) {
		Matcher matcher = ASSET.matcher(html);
		List<String> urls = new ArrayList<>();
		while (matcher.find()) {
			if (!urls.contains(matcher.group(1))) {
				urls.add(matcher.group(1));
			}
		}
		return urls;
	}

}
