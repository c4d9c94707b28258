package com.example.project51demo.backend;

import dev.langchain4j.agent.tool.Tool;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * An example of your own tool: any bean with {@link Tool} methods is offered to the models of the agent's failover
 * chain, including the offline local model, which calls a tool when a question clearly matches its description.
 * Tools run once per request, never again on a model retry, so they may have side effects.
 */
@Component
class DeploymentTools {

	private final ObjectProvider<BuildProperties> buildProperties;

	DeploymentTools(ObjectProvider<BuildProperties> buildProperties) {
		this.buildProperties = buildProperties;
	}

	@Tool(name = "deployedVersion",
			value = "Returns which version of the project51-demo backend is deployed: artifact, version and build time")
	String deployedVersion() {
		BuildProperties build = this.buildProperties.getIfAvailable();
		if (build == null) {
			return "The build information is not available (the application was not built with Maven).";
		}
		return "%s %s, built %s".formatted(build.getArtifact(), build.getVersion(), build.getTime());
	}

}
