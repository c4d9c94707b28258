package dev.project51.agent.server.failover.internal;

import dev.project51.agent.server.failover.ChainModel;
import dev.project51.agent.server.failover.ModelChain;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the failover chain, part of the readiness group: {@code UP} while at least
 * one model can take a call, {@code DOWN} when every circuit is open and waiting. The
 * chain ends in the offline local model, which has no remote dependency, so {@code DOWN}
 * means the local model itself failed repeatedly (for example its knowledge base could
 * not be searched) and the process should stop receiving traffic until a probe succeeds.
 * Details list each model's circuit state, calls, failures and last error.
 *
 * @since 0.1.0
 */
public class ModelChainHealthIndicator implements HealthIndicator {

	private final ModelChain chain;

	/**
	 * Creates an indicator for the given chain.
	 * @param chain the chain
	 */
	public ModelChainHealthIndicator(ModelChain chain) {
		this.chain = chain;
	}

	@Override
	public Health health() {
		Health.Builder builder = this.chain.isAvailable() ? Health.up() : Health.down();
		for (ChainModel model : this.chain.models()) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("provider", model.provider());
			details.put("state", model.state().name());
			details.put("calls", model.status().calls());
			details.put("failures", model.status().failures());
			if (model.lastError() != null) {
				details.put("lastError", model.lastError());
			}
			builder.withDetail(model.name(), details);
		}
		return builder.build();
	}

}
