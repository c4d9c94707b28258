package dev.project51.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.project51.infra.settings.HostSettings;
import dev.project51.infra.settings.InfraSettings;
import dev.project51.infra.settings.ClusterSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Synthesizer}: synthesizes both stacks once into a temporary directory,
 * the way the command line and the reference deployment do.
 */
class SynthesizerTests {

	@TempDir
	static Path project;

	static SynthesisResult result;

	@BeforeAll
	static void synthesize() {
		result = Synthesizer.synthesize(InfraSettings.defaults(), project.resolve("cdktf.out"));
	}

	@Test
	void writesBothStacksWhereTerraformAndTheCdktfCliExpectThem() {
		Path out = project.resolve("cdktf.out").toAbsolutePath();
		assertThat(result.outDir()).isEqualTo(out);
		assertThat(result.hostStack()).isEqualTo(out.resolve("stacks/host/cdk.tf.json")).isRegularFile();
		assertThat(result.clusterStack()).isEqualTo(out.resolve("stacks/cluster/cdk.tf.json")).isRegularFile();
		assertThat(result.hostStackDirectory()).isEqualTo(out.resolve("stacks/host"));
		assertThat(result.clusterStackDirectory()).isEqualTo(out.resolve("stacks/cluster"));
		JsonNode manifest = json(out.resolve("manifest.json"));
		assertThat(manifest.at("/stacks/host/synthesizedStackPath").asText()).isEqualTo("stacks/host/cdk.tf.json");
		assertThat(manifest.at("/stacks/cluster/synthesizedStackPath").asText())
			.isEqualTo("stacks/cluster/cdk.tf.json");
	}

	@Test
	void theHostCarriesTheClusterStackByteForByteInItsUserData() throws IOException {
		JsonNode host = json(result.hostStack());
		String userData = host.at("/resource/aws_instance/host_instance/user_data").asText();
		String cluster = Files.readString(result.clusterStack());
		assertThat(userData)
			.contains("<<'PROJECT51_CLUSTER_STACK'\n" + cluster.strip() + "\nPROJECT51_CLUSTER_STACK\n");
	}

	@Test
	void theOutputIsPortableBecauseItHoldsNoPathOfTheMachineThatSynthesizedIt() throws IOException {
		for (Path stack : new Path[] { result.hostStack(), result.clusterStack() }) {
			String json = Files.readString(stack);
			assertThat(json).doesNotContain(project.toString()).doesNotContain(System.getProperty("user.dir"));
		}
		assertThat(json(result.hostStack()).at("/terraform/backend/local/path").asText())
			.isEqualTo("../../../terraform.host.tfstate");
		assertThat(json(result.clusterStack()).at("/terraform/backend/local/path").asText())
			.isEqualTo("../../../terraform.cluster.tfstate");
		assertThat(result.hostStackDirectory().resolve("../../../terraform.host.tfstate").normalize())
			.as("state lives next to the output directory, which re-synthesis may replace")
			.isEqualTo(project.toAbsolutePath().resolve("terraform.host.tfstate"));
	}

	@Test
	void synthesisIsRepeatableAndLeavesTheClusterToAnOperatorWhenAsked(@TempDir Path other) throws IOException {
		InfraSettings manual = new InfraSettings(HostSettings.builder().createClusterOnBoot(false).build(),
				ClusterSettings.defaults());
		SynthesisResult second = Synthesizer.synthesize(manual, other);
		assertThat(Files.readString(second.clusterStack())).isEqualTo(Files.readString(result.clusterStack()));
		String userData = json(second.hostStack()).at("/resource/aws_instance/host_instance/user_data").asText();
		assertThat(userData).doesNotContain("kind_cluster").doesNotContain("terraform -chdir");
	}

	private static JsonNode json(Path file) {
		try {
			return SynthesizedStacks.parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
