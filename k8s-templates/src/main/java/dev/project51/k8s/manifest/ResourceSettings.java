package dev.project51.k8s.manifest;

import java.math.BigDecimal;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * CPU and memory requests and limits of one container. Memory request and limit default
 * to the same value: the JVM sizes its heap from the limit ({@code MaxRAMPercentage}),
 * and a pod that is never over its request is not the first one evicted under node
 * pressure.
 *
 * @param cpuRequest CPU the scheduler reserves, e.g. {@code 250m}
 * @param memoryRequest memory the scheduler reserves, e.g. {@code 768Mi}
 * @param cpuLimit CPU ceiling (throttling above it), e.g. {@code 1}
 * @param memoryLimit memory ceiling (OOM kill above it), e.g. {@code 768Mi}
 * @since 0.1.0
 */
public record ResourceSettings(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {

	/** Default CPU request. */
	public static final String DEFAULT_CPU_REQUEST = "250m";

	/** Default memory request (and limit). */
	public static final String DEFAULT_MEMORY = "768Mi";

	/** Default CPU limit. */
	public static final String DEFAULT_CPU_LIMIT = "1";

	/**
	 * Validate the quantities and that no request exceeds its limit.
	 * @param cpuRequest CPU the scheduler reserves
	 * @param memoryRequest memory the scheduler reserves
	 * @param cpuLimit CPU ceiling
	 * @param memoryLimit memory ceiling
	 */
	public ResourceSettings {
		SettingChecks.quantity("cpuRequest", cpuRequest);
		SettingChecks.quantity("memoryRequest", memoryRequest);
		SettingChecks.quantity("cpuLimit", cpuLimit);
		SettingChecks.quantity("memoryLimit", memoryLimit);
		requireNotAbove("cpuRequest", cpuRequest, "cpuLimit", cpuLimit);
		requireNotAbove("memoryRequest", memoryRequest, "memoryLimit", memoryLimit);
	}

	/**
	 * Return the defaults: 250m/1 CPU, 768Mi memory.
	 * @return the default resources
	 */
	public static ResourceSettings defaults() {
		return new ResourceSettings(DEFAULT_CPU_REQUEST, DEFAULT_MEMORY, DEFAULT_CPU_LIMIT, DEFAULT_MEMORY);
	}

	/**
	 * Start from the defaults: 250m/1 CPU, 768Mi memory.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder pre-filled with these settings.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder().cpuRequest(this.cpuRequest)
			.memoryRequest(this.memoryRequest)
			.cpuLimit(this.cpuLimit)
			.memoryLimit(this.memoryLimit);
	}

	private static void requireNotAbove(String requestName, String request, String limitName, String limit) {
		BigDecimal requested = Quantity.getAmountInBytes(new Quantity(request));
		BigDecimal limited = Quantity.getAmountInBytes(new Quantity(limit));
		if (requested.compareTo(limited) > 0) {
			throw new InvalidSettingException(requestName, request, requestName + " must not exceed " + limitName + " ("
					+ limit + "), but was '" + request + "'; Kubernetes rejects a request above its limit");
		}
	}

	/**
	 * Builder for {@link ResourceSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String cpuRequest = DEFAULT_CPU_REQUEST;

		private String memoryRequest = DEFAULT_MEMORY;

		private String cpuLimit = DEFAULT_CPU_LIMIT;

		private String memoryLimit = DEFAULT_MEMORY;

		private Builder() {
		}

		/**
		 * Set the CPU the scheduler reserves (default {@code 250m}).
		 * @param cpuRequest a quantity such as {@code 250m}
		 * @return this builder
		 */
		public Builder cpuRequest(String cpuRequest) {
			this.cpuRequest = cpuRequest;
			return this;
		}

		/**
		 * Set the memory the scheduler reserves (default {@code 768Mi}).
		 * @param memoryRequest a quantity such as {@code 768Mi}
		 * @return this builder
		 */
		public Builder memoryRequest(String memoryRequest) {
			this.memoryRequest = memoryRequest;
			return this;
		}

		/**
		 * Set the CPU ceiling (default {@code 1}).
		 * @param cpuLimit a quantity such as {@code 1}
		 * @return this builder
		 */
		public Builder cpuLimit(String cpuLimit) {
			this.cpuLimit = cpuLimit;
			return this;
		}

		/**
		 * Set the memory ceiling (default {@code 768Mi}); the JVM sizes its heap from it.
		 * @param memoryLimit a quantity such as {@code 768Mi}
		 * @return this builder
		 */
		public Builder memoryLimit(String memoryLimit) {
			this.memoryLimit = memoryLimit;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a quantity is invalid or a request exceeds
		 * its limit
		 */
		public ResourceSettings build() {
			return new ResourceSettings(this.cpuRequest, this.memoryRequest, this.cpuLimit, this.memoryLimit);
		}

	}

}
