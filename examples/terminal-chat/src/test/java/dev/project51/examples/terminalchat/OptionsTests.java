package dev.project51.examples.terminalchat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.project51.examples.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OptionsTests {

	@Test
	void defaultsToTheLocalAgentAndALineByLineChat() throws UsageException {
		Options options = Options.parse(List.of(), Map.of());
		assertThat(options.agentUrl()).isEqualTo(URI.create("http://localhost:8081"));
		assertThat(options.apiToken()).isNull();
		assertThat(options.message()).isNull();
		assertThat(options.conversationId()).isNull();
		assertThat(options.listModels()).isFalse();
		assertThat(options.help()).isFalse();
	}

	@Test
	void wordsAfterTheOptionsAreTheMessage() throws UsageException {
		Options options = Options.parse(List.of("--url", "https://agent.example:8443/base", "How", "do", "I", "--help"),
				Map.of());
		assertThat(options.agentUrl()).isEqualTo(URI.create("https://agent.example:8443/base"));
		assertThat(options.message()).isEqualTo("How do I --help");
		assertThat(options.help()).isFalse();
	}

	@Test
	void optionValuesMayFollowAnEqualsSign() throws UsageException {
		Options options = Options.parse(List.of("--url=http://agent:8081", "--conversation=c-1", "hi"), Map.of());
		assertThat(options.agentUrl()).isEqualTo(URI.create("http://agent:8081"));
		assertThat(options.conversationId()).isEqualTo("c-1");
		assertThat(options.message()).isEqualTo("hi");
	}

	@Test
	void doubleDashEndsTheOptions() throws UsageException {
		assertThat(Options.parse(List.of("--", "--models", "please"), Map.of()).message()).isEqualTo("--models please");
	}

	@Test
	void readsTheUrlAndTheTokenFromTheEnvironment() throws UsageException {
		Options options = Options.parse(List.of("--conversation=c-3f9a2b"),
				Map.of("AGENT_URL", "http://10.0.0.5:8081", "AGENT_API_TOKEN", " s3cret\n"));
		assertThat(options.agentUrl()).isEqualTo(URI.create("http://10.0.0.5:8081"));
		assertThat(options.apiToken()).isEqualTo("s3cret");
		assertThat(options.conversationId()).isEqualTo("c-3f9a2b");
		assertThat(options.toString()).doesNotContain("s3cret").contains("(set)");
	}

	@Test
	void theUrlFlagWinsOverTheEnvironment() throws UsageException {
		assertThat(Options.parse(List.of("--url=http://a:1"), Map.of("AGENT_URL", "http://b:2")).agentUrl())
			.isEqualTo(URI.create("http://a:1"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					--url                         | --url needs a value, e.g. --url http://localhost:8081
					--url --models                | --url needs a value, e.g. --url http://localhost:8081
					--url ftp://agent             | --url must be an absolute http or https URL with a host such as http://localhost:8081, but was 'ftp://agent'
					--url localhost:8081          | --url must be an absolute http or https URL with a host such as http://localhost:8081, but was 'localhost:8081'
					--url http://u:p@agent:8081   | --url must not contain user info (credentials), but was 'http://***@agent...'; pass the token separately
					--url http://agent/?q=1       | --url must not have a query or a fragment, but was 'http://agent/?q=1'
					--conversation                | --conversation needs a value, e.g. --conversation c-3f9a2b
					--conversation ../etc         | --conversation '../etc': a conversation id is 1 to 64 letters
					--models hello                | --models lists the agent's models and takes no message
					--verbose                     | unknown option '--verbose'
					--token abc                   | pass the token in the environment variable AGENT_API_TOKEN, never on the command line
					--api-token=abc               | '--api-token': pass the token in the environment variable AGENT_API_TOKEN
					""")
	void badCommandLinesSayWhatIsWrongAndHowToFixIt(String commandLine, String expected) {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Options.parse(List.of(commandLine.split(" ")), Map.of()))
			.withMessageContaining(expected);
	}

	@Test
	void aBlankMessageIsRefused() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> Options.parse(List.of("  "), Map.of()))
			.withMessageContaining("the message is empty");
	}

	@Test
	void aBadUrlInTheEnvironmentNamesTheVariable() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Options.parse(List.of(), Map.of("AGENT_URL", "agent:8081")))
			.withMessageStartingWith("AGENT_URL must be an absolute http or https URL")
			.withMessageContaining("'agent:8081'");
	}

}
