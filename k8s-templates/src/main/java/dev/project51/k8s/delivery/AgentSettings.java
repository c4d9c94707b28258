package dev.project51.k8s.delivery;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;
import dev.project51.k8s.manifest.ResourceSettings;

/**
 * The agent the frontend calls: where it runs (on Render by default, or also in the
 * cluster), the Secret with its token and the model provider it puts in front of its
 * local model.
 *
 * @param agentBaseUrl the agent URL the frontend calls, or {@code null} for the Render
 * service's URL (see {@link DeliverySettings#agentBaseUrl()})
 * @param agentTokenSecret the name of the Secret holding the agent token
 * @param agentInCluster whether the agent also runs in the cluster
 * @param agentPort the agent's container port
 * @param agentResources the in-cluster agent's container resources
 * @param aiProvider the model provider of the agent
 * @since 0.1.0
 */
public record AgentSettings(String agentBaseUrl, String agentTokenSecret, boolean agentInCluster, int agentPort,
		ResourceSettings agentResources, AgentProvider aiProvider) {

	/** Default model provider of the agent. */
	public static final AgentProvider DEFAULT_AI_PROVIDER = AgentProvider.OPENAI;

	/**
	 * Validate the settings.
	 * @param agentBaseUrl the agent URL, or {@code null}
	 * @param agentTokenSecret the token Secret's name
	 * @param agentInCluster whether the agent runs in the cluster
	 * @param agentPort the container port
	 * @param agentResources the resources
	 * @param aiProvider the model provider
	 */
	public AgentSettings {
		SettingChecks.port("agentPort", agentPort);
		SettingChecks.notNull("agentResources", agentResources);
		if (agentBaseUrl != null) {
			SettingChecks.httpUrl("agentBaseUrl", agentBaseUrl);
		}
		SettingChecks.dnsLabel("agentTokenSecret", agentTokenSecret);
		SettingChecks.notNull("aiProvider", aiProvider);
	}

	/**
	 * Start from the defaults: the agent on Render, port 8081 and 500m/2 CPU and 1536Mi
	 * if it runs in the cluster, OpenAI in front of the local model.
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
		return new Builder().agentBaseUrl(this.agentBaseUrl)
			.agentTokenSecret(this.agentTokenSecret)
			.agentInCluster(this.agentInCluster)
			.agentPort(this.agentPort)
			.agentResources(this.agentResources)
			.aiProvider(this.aiProvider);
	}

	/**
	 * Builder for {@link AgentSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String agentBaseUrl;

		private String agentTokenSecret = "agent-api-token";

		private boolean agentInCluster;

		private int agentPort = 8081;

		private ResourceSettings agentResources = new ResourceSettings("500m", "1536Mi", "2", "1536Mi");

		private AgentProvider aiProvider = DEFAULT_AI_PROVIDER;

		private Builder() {
		}

		/**
		 * Set the agent URL the frontend calls (default
		 * {@code https://<renderServiceName>.onrender.com}).
		 * @param agentBaseUrl an http(s) URL
		 * @return this builder
		 */
		public Builder agentBaseUrl(String agentBaseUrl) {
			this.agentBaseUrl = agentBaseUrl;
			return this;
		}

		/**
		 * Set the name of the Secret with the agent token (default
		 * {@code agent-api-token}).
		 * @param agentTokenSecret the secret name
		 * @return this builder
		 */
		public Builder agentTokenSecret(String agentTokenSecret) {
			this.agentTokenSecret = agentTokenSecret;
			return this;
		}

		/**
		 * Set whether the agent also runs in the cluster (default false: it runs on
		 * Render).
		 * @param agentInCluster whether to render the in-cluster agent
		 * @return this builder
		 */
		public Builder agentInCluster(boolean agentInCluster) {
			this.agentInCluster = agentInCluster;
			return this;
		}

		/**
		 * Set the agent's container port (default 8081).
		 * @param port the port
		 * @return this builder
		 */
		public Builder agentPort(int port) {
			this.agentPort = port;
			return this;
		}

		/**
		 * Set the in-cluster agent's resources (default 500m/2 CPU, 1536Mi memory: the
		 * embedding model runs in-process).
		 * @param resources the resources
		 * @return this builder
		 */
		public Builder agentResources(ResourceSettings resources) {
			this.agentResources = resources;
			return this;
		}

		/**
		 * Set the model provider of the agent (default {@code openai}): render.yaml and
		 * an in-cluster agent get exactly its variables.
		 * @param aiProvider the provider
		 * @return this builder
		 */
		public Builder aiProvider(AgentProvider aiProvider) {
			this.aiProvider = aiProvider;
			return this;
		}

		/**
		 * Set the model provider of the agent by name: {@code openai}, {@code anthropic},
		 * {@code gemini}, {@code openai-compatible} or {@code local}.
		 * @param aiProvider the provider's name
		 * @return this builder
		 * @throws InvalidSettingException if no provider has that name
		 */
		public Builder aiProvider(String aiProvider) {
			try {
				this.aiProvider = AgentProvider.of(aiProvider);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSettingException("aiProvider", aiProvider,
						"aiProvider must be one of " + AgentProvider.ids() + ", but was '" + aiProvider + "'");
			}
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public AgentSettings build() {
			return new AgentSettings(this.agentBaseUrl, this.agentTokenSecret, this.agentInCluster, this.agentPort,
					this.agentResources, this.aiProvider);
		}

	}

}
