package dev.project51.frontend.status.internal;

import dev.project51.frontend.status.AgentStatus;
import dev.project51.frontend.status.AgentStatusService;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/status}: the agent's state for the page's status indicator.
 *
 * @since 0.1.0
 */
@RestController
public class StatusController {

	/** Path of the status endpoint. */
	public static final String PATH = "/api/status";

	private final AgentStatusService statusService;

	/**
	 * Create a controller.
	 * @param statusService the status service
	 */
	public StatusController(AgentStatusService statusService) {
		Assert.notNull(statusService, "'statusService' must not be null");
		this.statusService = statusService;
	}

	/**
	 * The agent's state; always {@code 200}, also when the agent is unavailable, because
	 * the frontend itself works.
	 * @return the status
	 */
	@GetMapping(PATH)
	public ResponseEntity<AgentStatus> status() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.statusService.current());
	}

}
