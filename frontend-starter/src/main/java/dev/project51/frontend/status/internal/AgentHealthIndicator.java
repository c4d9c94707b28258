package dev.project51.frontend.status.internal;

import dev.project51.frontend.status.AgentStatus;
import dev.project51.frontend.status.AgentStatusService;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * Reports the agent's state as the {@code agent} health component.
 * <p>
 * A healthy or degraded agent is {@code UP}; an unavailable one is {@link #UNAVAILABLE},
 * a status that Spring Boot's default aggregation ignores. The frontend therefore stays
 * {@code UP} and ready while the agent is away: its page still loads and explains the
 * outage, and restarting or unrouting the frontend would not bring the agent back. To
 * alert on the agent, read {@code components.agent} of the health endpoint, or add
 * {@code UNAVAILABLE} to {@code management.endpoint.health.status.order}.
 *
 * @since 0.1.0
 */
public class AgentHealthIndicator implements HealthIndicator {

	/** The status of an agent that cannot answer. */
	public static final Status UNAVAILABLE = new Status("UNAVAILABLE", "The agent cannot answer");

	private final AgentStatusService statusService;

	/**
	 * Create an indicator.
	 * @param statusService the status service
	 */
	public AgentHealthIndicator(AgentStatusService statusService) {
		Assert.notNull(statusService, "'statusService' must not be null");
		this.statusService = statusService;
	}

	@Override
	public Health health() {
		AgentStatus status = this.statusService.current();
		Health.Builder builder = status.isAvailable() ? Health.up() : Health.status(UNAVAILABLE);
		builder.withDetail("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
		if (status.model() != null) {
			builder.withDetail("model", status.model());
		}
		return builder.withDetail("detail", status.detail())
			.withDetail("checkedAt", status.checkedAt().toString())
			.build();
	}

}
