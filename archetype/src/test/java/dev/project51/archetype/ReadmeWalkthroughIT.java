package dev.project51.archetype;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.project51.kubernetes.testing.ControlPlane;
import dev.project51.kubernetes.testing.ControlPlaneExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new user's path through a generated project: its README, followed from top to bottom
 * (build, run locally with and without the provider, test, push, synthesize the host,
 * deploy with deploy.sh onto a real Kubernetes control plane, install the cron job and
 * let it deploy a pushed commit, retry with --force, roll back, re-render), for the
 * default provider and for an OpenAI-compatible server. {@link ReadmeWalkthrough} says
 * which steps run against offline stand-ins; each walk writes its report to
 * {@code target/it/<name>-walkthrough.md}.
 */
@ExtendWith(ControlPlaneExtension.class)
class ReadmeWalkthroughIT {

	@Test
	void readmeOfTheDefaultProjectWorksAsWritten(ControlPlane controlPlane) throws Exception {
		new ReadmeWalkthrough("walkthrough-default", Map.of()).walk(controlPlane);
	}

	@Test
	void readmeOfAnOpenAiCompatibleProjectWorksAsWritten(ControlPlane controlPlane) throws Exception {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("groupId", "org.acme");
		properties.put("artifactId", "local-llm-bot");
		properties.put("aiProvider", "openai-compatible");
		properties.put("dockerHubUser", "acmecorp");
		properties.put("awsRegion", "eu-west-1");
		properties.put("gitRepository", "https://git.example.com/acme/local-llm-bot.git");
		new ReadmeWalkthrough("walkthrough-openai-compatible", properties).walk(controlPlane);
	}

}
