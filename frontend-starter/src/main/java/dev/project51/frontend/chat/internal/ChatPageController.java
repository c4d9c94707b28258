package dev.project51.frontend.chat.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.project51.agent.contract.ProblemDetail;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /}: the chat page, rendered from the FreeMarker view
 * {@value #VIEW_NAME}{@code .ftlh}. The page carries no inline script or style; its
 * settings travel as {@code data-} attributes.
 *
 * @since 0.1.0
 */
@Controller
public class ChatPageController {

	/** Name of the page's view; override the template to restyle the page. */
	public static final String VIEW_NAME = "project51/chat";

	/** URL path under which the page's scripts, style sheet and images are served. */
	public static final String ASSETS_PATH = "/project51/";

	/** Path of the frontend's JSON and event-stream endpoints, below the context path. */
	public static final String API_PATH = "/api";

	private final ChatSettings settings;

	private final ResourceUrlProvider resourceUrls;

	/**
	 * Create a controller.
	 * @param settings the settings
	 * @param resourceUrls resolves the content-hashed URLs of the page's assets
	 */
	public ChatPageController(ChatSettings settings, ResourceUrlProvider resourceUrls) {
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(resourceUrls, "'resourceUrls' must not be null");
		this.settings = settings;
		this.resourceUrls = resourceUrls;
	}

	/**
	 * Render the chat page.
	 * @param model the view model
	 * @param request the request
	 * @param response the response
	 * @return the view name
	 */
	@GetMapping("/")
	public String chat(Model model, HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue());
		String contextPath = request.getContextPath();
		model.addAttribute("title", this.settings.title());
		model.addAttribute("assistantName", this.settings.assistantName());
		model.addAttribute("welcomeParagraphs", this.settings.welcomeParagraphs());
		model.addAttribute("suggestions", this.settings.suggestions());
		model.addAttribute("maxMessageLength", this.settings.maxMessageLength());
		model.addAttribute("apiBase", contextPath + API_PATH);
		model.addAttribute("pollIntervalMs", this.settings.statusPollInterval().toMillis());
		model.addAttribute("retryInitialMs", this.settings.statusRetryInitial().toMillis());
		model.addAttribute("retryMaxMs", this.settings.statusRetryMax().toMillis());
		// The page says exactly what the server says when it notices an interrupted
		// answer itself.
		ProblemDetail interrupted = ProblemDetail.answerInterrupted(null);
		model.addAttribute("interruptedTitle", interrupted.title());
		model.addAttribute("interruptedDetail", interrupted.detail());
		Map<String, String> assets = new LinkedHashMap<>();
		assets.put("css", assetUrl(contextPath, "chat.css"));
		assets.put("js", assetUrl(contextPath, "chat.js"));
		assets.put("theme", assetUrl(contextPath, "theme.js"));
		assets.put("icon", assetUrl(contextPath, "icon.svg"));
		assets.put("avatar", assetUrl(contextPath, "avatar.svg"));
		model.addAttribute("assets", assets);
		return VIEW_NAME;
	}

	private String assetUrl(String contextPath, String file) {
		String path = ASSETS_PATH + file;
		String versioned = this.resourceUrls.getForLookupPath(path);
		return contextPath + ((versioned != null) ? versioned : path);
	}

}
