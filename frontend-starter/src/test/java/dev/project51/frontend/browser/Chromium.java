package dev.project51.frontend.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ReducedMotion;
import dev.project51.testsupport.tools.RequiredTool;

/**
 * The system's Chromium (never a downloaded one), driven by Playwright.
 * <p>
 * When the executable is missing the tests fail if {@code CI=true} and are skipped with
 * an explanation otherwise ({@link RequiredTool}).
 */
final class Chromium implements AutoCloseable {

	/** Where the executable is expected; the build passes {@code project51.chromium}. */
	static final Path EXECUTABLE = Paths.get(System.getProperty("project51.chromium", "/usr/bin/chromium"));

	/** Where screenshots go; the build passes {@code project51.screenshots}. */
	static final Path SCREENSHOTS = Paths.get(System.getProperty("project51.screenshots", "target/screenshots"));

	/**
	 * axe-core's script, from the npm packages the build installs (the same lock file as
	 * the page's libraries); the build passes {@code project51.axe}.
	 */
	static final Path AXE = Paths
		.get(System.getProperty("project51.axe", "src/main/web/node_modules/axe-core/axe.min.js"));

	/**
	 * axe-core's rules: all but the experimental ones (WCAG 2.0-2.2 A and AA, best
	 * practices).
	 */
	private static final String AXE_RUN = """
			async () => {
			  const result = await axe.run(document, { resultTypes: ['violations'] });
			  return result.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' -> '
			      + v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' '))
			          .join(' | '));
			}""";

	private static String axeSource;

	static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--disable-dev-shm-usage", "--no-first-run", "--lang=en-US");

	private final Playwright playwright;

	private final Browser browser;

	private Chromium(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	/**
	 * Launch the system Chromium, or skip (locally) or fail (in CI) when it is missing.
	 * @return the browser
	 */
	static Chromium launch() {
		RequiredTool.executable("Chromium", EXECUTABLE,
				"apt-get install chromium, or set -Dproject51.chromium=<path> to another Chromium");
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		try {
			Browser browser = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
					.setHeadless(true)
					.setArgs(ARGS)
					.setTimeout(60_000));
			return new Chromium(playwright, browser);
		}
		catch (RuntimeException ex) {
			playwright.close();
			throw ex;
		}
	}

	/**
	 * A fresh, isolated browser context (its own storage, like a new profile).
	 * @param baseUrl the frontend's URL
	 * @param width viewport width
	 * @param height viewport height
	 * @param scheme the preferred color scheme
	 * @return the context
	 */
	BrowserContext context(String baseUrl, int width, int height, ColorScheme scheme) {
		BrowserContext context = this.browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl)
			.setViewportSize(width, height)
			.setDeviceScaleFactor(1)
			.setColorScheme(scheme)
			.setReducedMotion(ReducedMotion.NO_PREFERENCE)
			.setLocale("en-US")
			.setTimezoneId("UTC"));
		context.setDefaultTimeout(15_000);
		// Record every policy violation; the page must not cause any.
		context.addInitScript(
				"window.__violations = [];" + "document.addEventListener('securitypolicyviolation', function (e) {"
						+ "  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });");
		return context;
	}

	/**
	 * Collects console errors (other than failed requests) and uncaught exceptions of a
	 * page.
	 * @param page the page
	 * @return the live list of problems
	 */
	static List<String> problems(Page page) {
		List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
		page.onConsoleMessage((message) -> {
			// A refused fetch is logged as "Failed to load resource"; the tests check the
			// page's reaction to such answers themselves.
			if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")) {
				problems.add("console: " + message.text());
			}
		});
		page.onPageError((error) -> problems.add("page error: " + error));
		return problems;
	}

	/**
	 * Save a screenshot under {@link #SCREENSHOTS}.
	 * @param page the page
	 * @param name the file name without extension
	 * @return the file
	 */
	static Path screenshot(Page page, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Path file = SCREENSHOTS.resolve(name + ".png");
		page.screenshot(new Page.ScreenshotOptions().setPath(file));
		return file;
	}

	/**
	 * Run axe-core on the page as it is now.
	 * @param page the page
	 * @return the violations, one line each (rule, impact, help, the elements and why)
	 */
	@SuppressWarnings("unchecked")
	static List<String> axe(Page page) {
		if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
			// Evaluated, not added as a <script>: the page's policy allows no inline
			// script.
			page.evaluate(axeSource());
		}
		return new ArrayList<>((List<String>) page.evaluate(AXE_RUN));
	}

	private static synchronized String axeSource() {
		if (axeSource == null) {
			if (!Files.isRegularFile(AXE)) {
				throw new IllegalStateException("axe-core is not installed at " + AXE
						+ "; the Maven build installs it with the page's npm packages (generate-resources)");
			}
			try {
				axeSource = Files.readString(AXE);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return axeSource;
	}

	@SuppressWarnings("unchecked")
	static List<String> violations(Page page) {
		Object value = page.evaluate("() => window.__violations || []");
		return new ArrayList<>((List<String>) value);
	}

	@Override
	public void close() {
		try {
			this.browser.close();
		}
		finally {
			this.playwright.close();
		}
	}

}
