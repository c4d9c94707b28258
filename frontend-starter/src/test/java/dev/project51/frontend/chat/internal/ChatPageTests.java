package dev.project51.frontend.chat.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.frontend.security.internal.SecurityHeaders;
import dev.project51.frontend.support.FrontendHttpTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the chat page, its assets and the security headers, over real HTTP.
 */
class ChatPageTests extends FrontendHttpTestSupport {

	private static final Pattern ASSET = Pattern.compile("(?:href|src|data-avatar)=\"(/project51/[^\"]+)\"");

	/** The page's own script sources, before bundling (src/main/web/src). */
	private static final Path SCRIPT_SOURCES = Path.of("src/main/web/src");

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
			.contains("<label for=\"message\"")
			.containsPattern("<meta name=\"description\" content=\"[^\"]{40,}\">")
			// The transcript is no landmark: a name on a plain div is prohibited (ARIA
			// 1.2).
			.contains("<div id=\"messages\" class=\"messages\"></div>");
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
		// The theme script (before the first paint) and the deferred chat script.
		assertThat(count).isEqualTo(2);
		assertThat(html).containsPattern("<script src=\"/project51/theme-[0-9a-f]{32}\\.js\"></script>")
			.containsPattern("<script src=\"/project51/chat-[0-9a-f]{32}\\.js\" defer></script>");
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
		assertThat(assets).hasSize(5)
			.anySatisfy((url) -> assertThat(url).matches("/project51/chat-[0-9a-f]{32}\\.js"))
			.anySatisfy((url) -> assertThat(url).matches("/project51/theme-[0-9a-f]{32}\\.js"))
			.anySatisfy((url) -> assertThat(url).matches("/project51/chat-[0-9a-f]{32}\\.css"))
			.anySatisfy((url) -> assertThat(url).matches("/project51/icon-[0-9a-f]{32}\\.svg"))
			.anySatisfy((url) -> assertThat(url).matches("/project51/avatar-[0-9a-f]{32}\\.svg"));
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
	void scriptsAndStyleSheetAreMinifiedAndServedCompressed() throws Exception {
		for (String url : List.of(asset("chat", ".js"), asset("chat", ".css"))) {
			HttpResponse<byte[]> plain = this.http.send(request(url).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			String text = new String(plain.body(), StandardCharsets.UTF_8);
			assertThat(plain.headers().firstValue("Content-Encoding")).as(url).isEmpty();
			// Minified: very long lines (a few line breaks stay in the libraries'
			// strings).
			assertThat(text.length() / text.lines().count()).as(url).isGreaterThan(2000);
			assertThat(text).as(url).doesNotContain("/*\n *").doesNotContain("\n\t");
			HttpResponse<byte[]> gzip = this.http.send(request(url).header("Accept-Encoding", "gzip").GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(gzip.headers().firstValue("Content-Encoding")).as(url).hasValue("gzip");
			assertThat(gzip.headers().firstValue("Vary")).as(url)
				.hasValueSatisfying((vary) -> assertThat(vary).containsIgnoringCase("Accept-Encoding"));
			assertThat(gunzip(gzip.body())).as(url).isEqualTo(plain.body());
			HttpResponse<byte[]> brotli = this.http.send(
					request(url).header("Accept-Encoding", "gzip, deflate, br").GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(brotli.headers().firstValue("Content-Encoding")).as(url).hasValue("br");
			assertThat(brotli.headers().firstValue("Content-Type")).as(url)
				.isEqualTo(plain.headers().firstValue("Content-Type"));
			assertThat(brotli.headers().firstValue("Cache-Control")).as(url)
				.hasValueSatisfying((value) -> assertThat(value).contains("max-age=31536000"));
			assertThat(brotli.body().length).as(url).isLessThan(gzip.body().length);
		}
	}

	@Test
	void thePageIsGzipped() throws Exception {
		HttpResponse<byte[]> page = this.http.send(request("/").header("Accept-Encoding", "gzip").GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(new String(gunzip(page.body()), StandardCharsets.UTF_8)).contains("<!DOCTYPE html>");
	}

	@Test
	void scriptNeverInjectsHtml() throws Exception {
		// The page's own code. The bundle also holds DOMPurify, which parses the HTML it
		// sanitizes through the one Trusted Types policy the page may create.
		List<Path> sources;
		try (Stream<Path> files = Files.list(SCRIPT_SOURCES)) {
			sources = files.filter((file) -> file.toString().endsWith(".js")).toList();
		}
		assertThat(sources).extracting((file) -> file.getFileName().toString())
			.contains("chat.js", "markdown.js", "theme.js");
		for (Path source : sources) {
			String script = Files.readString(source);
			assertThat(script).as(source.toString())
				.doesNotContainPattern("\\.(innerHTML|outerHTML)\\s*[+]?=")
				.doesNotContainPattern("insertAdjacentHTML\\s*\\(")
				.doesNotContainPattern("document\\.write(ln)?\\s*\\(")
				.doesNotContainPattern("\\beval\\s*\\(")
				.doesNotContainPattern("new\\s+Function\\s*\\(")
				.doesNotContainPattern("setTimeout\\(\\s*['\"]")
				.doesNotContainPattern("DOMParser|createContextualFragment|srcdoc|createPolicy");
		}
		String bundle = get(asset("chat", ".js")).body();
		assertThat(bundle).doesNotContainPattern("insertAdjacentHTML\\s*\\(")
			.doesNotContainPattern("document\\.write(ln)?\\s*\\(")
			.doesNotContainPattern("\\beval\\s*\\(")
			.doesNotContainPattern("new\\s+Function\\s*\\(")
			.doesNotContainPattern("setTimeout\\(\\s*['\"]")
			.doesNotContainPattern("createContextualFragment|srcdoc");
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
			.contains("require-trusted-types-for 'script'")
			// One policy, DOMPurify's; no default policy and no duplicates.
			.endsWith("; trusted-types dompurify")
			.doesNotContain("'allow-duplicates'")
			.doesNotContain("unsafe");
	}

	private String assetEndingWith(String suffix) throws Exception {
		return assets(get("/").body()).stream()
			.filter((url) -> url.endsWith(suffix))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No asset ending with " + suffix));
	}

	private String asset(String name, String extension) throws Exception {
		Pattern pattern = Pattern.compile("/project51/" + name + "-[0-9a-f]{32}" + Pattern.quote(extension));
		return assets(get("/").body()).stream()
			.filter((url) -> pattern.matcher(url).matches())
			.findFirst()
			.orElseThrow(() -> new AssertionError("No asset " + name + extension));
	}

	private static byte[] gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
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
