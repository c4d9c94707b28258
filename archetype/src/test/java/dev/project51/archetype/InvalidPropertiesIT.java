package dev.project51.archetype;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch mode skips the descriptor's validation, so the post-generate script validates every property: a bad value
 * fails generation with a message naming the property and the fix, and leaves nothing behind.
 */
class InvalidPropertiesIT {

	private final Path workdir = Path.of(System.getProperty("project51.workdir", "target/it"));

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			artifactId    | Support_Bot   | use 2 to 40 lowercase letters
			aiProvider    | mistral       | use one of openai, anthropic, gemini, openai-compatible, local
			sshCidr       | 0.0.0.0/0     | SSH from the whole internet is refused
			sshCidr       | 10.0.0.300/32 | an IPv4 CIDR such as 203.0.113.7/32
			awsRegion     | moon-1        | an AWS region code such as us-east-1
			dockerHubUser | Bad_User      | 4 to 30 lowercase letters or digits
			gitRepository | git@x:y.git   | the HTTPS clone URL of your repository
			package       | com.acme.new  | Java identifiers that are not keywords
			""")
	void invalidPropertyFailsGenerationWithAClearMessage(String property, String value, String message)
			throws Exception {
		Path directory = this.workdir.resolve("invalid-" + property + "-" + Math.abs(value.hashCode()));
		ReferenceDeploymentIT.deleteRecursively(directory);
		String artifactId = property.equals("artifactId") ? value : "invalid-demo";
		Map<String, String> properties = property.equals("artifactId") ? Map.of(property, value)
				: Map.of("artifactId", artifactId, property, value);

		Maven.Result result = new Maven(this.workdir).generate(directory, properties, directory.getFileName().toString());

		assertThat(result.exitCode()).as("exit code, see %s", result.log()).isNotZero();
		assertThat(result.output()).contains("invalid properties, nothing was generated")
			.contains(property + "='" + value + "'")
			.contains(message);
		assertThat(Files.exists(directory.resolve(artifactId))).as("half-generated project removed").isFalse();
	}

}
