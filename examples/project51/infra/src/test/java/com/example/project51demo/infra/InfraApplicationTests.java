package com.example.project51demo.infra;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.project51.infra.cli.Main;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthesizes both stacks offline (CDKTF needs only node, no terraform init) and checks this project's choices.
 */
class InfraApplicationTests {

	@TempDir
	static Path out;

	static JsonNode host;

	static JsonNode cluster;

	static String output;

	@BeforeAll
	static void synthesize() throws Exception {
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		int status = Main.run(new String[] { "--out=" + out }, InfraApplication.environment(Map.of()),
				new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
		output = stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
		assertThat(status).as(output).isZero();
		JsonMapper json = JsonMapper.builder().build();
		host = json.readTree(Files.readString(out.resolve("stacks/host/cdk.tf.json")));
		cluster = json.readTree(Files.readString(out.resolve("stacks/cluster/cdk.tf.json")));
	}

	@Test
	void hostIsCreatedInTheChosenRegion() {
		assertThat(host.at("/provider/aws/0/region").asString()).isEqualTo("us-east-1");
	}

	@Test
	void hostOpensTheAppPortAndSshOnlyAsChosen() {
		JsonNode ingress = host.at("/resource/aws_security_group/host_security_group/ingress");
		assertThat(ingress.findValues("from_port")).extracting(JsonNode::asInt)
			.contains(8080)
			.doesNotContain("none".equals(InfraApplication.SSH_CIDR) ? 22 : -1);
	}

	@Test
	void hostBootstrapClonesThisProjectsRepository() {
		String userData = host.at("/resource/aws_instance/host_instance/user_data").asString();
		assertThat(userData).contains("https://github.com/your-org/project51-demo.git").contains("/opt/project51-demo");
	}

	@Test
	void clusterIsNamedAfterTheProjectAndMapsTheNodePortToHostPort8080() {
		JsonNode kind = cluster.at("/resource/kind_cluster/cluster");
		assertThat(kind.path("name").asString()).isEqualTo("project51-demo");
		assertThat(kind.toString()).contains("\"container_port\":30080").contains("\"host_port\":8080");
	}

	@Test
	void helpShowsThisProjectsDefaults() {
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
		assertThat(Main.run(new String[] { "--help" }, InfraApplication.PROJECT_DEFAULTS, Map.of(), out, out)).isZero();
		assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("PROJECT51_AWS_REGION, default us-east-1 (this project)")
			.contains("PROJECT51_NAME, default project51-demo (this project)")
			.contains("PROJECT51_REPOSITORY_URL, default https://github.com/your-org/project51-demo.git (this project)");
	}

	@Test
	void environmentOverridesTheProjectDefaults() {
		assertThat(InfraApplication.environment(Map.of("PROJECT51_AWS_REGION", "eu-central-1")))
			.containsEntry("PROJECT51_AWS_REGION", "eu-central-1")
			.containsEntry("PROJECT51_NAME", "project51-demo");
	}

}
