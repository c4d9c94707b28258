package dev.project51.examples.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
	void defaultsToTheLocalAgentAtOneSixteenAndSixtyFour() throws UsageException {
		Options options = Options.parse(List.of(), Map.of());
		assertThat(options.agentUrl()).isEqualTo(URI.create("http://localhost:8081"));
		assertThat(options.frontendUrl()).isNull();
		assertThat(options.apiToken()).isNull();
		assertThat(options.scenarios()).containsExactly("chat", "stream", "floor");
		assertThat(options.concurrencies()).containsExactly(1, 16, 64);
		assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(3));
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.prime()).isEqualTo(Duration.ofSeconds(3));
		assertThat(options.primeConcurrency()).isEqualTo(64);
		assertThat(options.minCalls()).isZero();
		assertThat(options.message()).isEqualTo("How do I roll back a release?");
		assertThat(options.report()).isNull();
		assertThat(options.watch()).isEmpty();
		assertThat(options.help()).isFalse();
	}

	@Test
	void aFrontendAddsTheRelayScenario() throws UsageException {
		assertThat(Options.parse(List.of("--frontend", "http://localhost:8080"), Map.of()).scenarios())
			.containsExactly("chat", "stream", "floor", "relay");
	}

	@Test
	void readsEveryOption() throws UsageException {
		Options options = Options.parse(
				List.of("--agent=http://a:1", "--frontend", "http://f:2", "--scenarios", "Relay, floor",
						"--concurrency", "2,4", "--warmup", "500ms", "--duration", "2m", "--prime", "20s",
						"--prime-concurrency", "8", "--min-calls", "100", "--message", "Hi", "--watch", "agent=12",
						"--watch=frontend=34", "--report", "out.md", "--title", "Run 1", "-h"),
				Map.of("AGENT_API_TOKEN", " s3cret\n"));
		assertThat(options.agentUrl()).isEqualTo(URI.create("http://a:1"));
		assertThat(options.frontendUrl()).isEqualTo(URI.create("http://f:2"));
		assertThat(options.scenarios()).containsExactly("relay", "floor");
		assertThat(options.concurrencies()).containsExactly(2, 4);
		assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.prime()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.primeConcurrency()).isEqualTo(8);
		assertThat(options.minCalls()).isEqualTo(100);
		assertThat(options.message()).isEqualTo("Hi");
		assertThat(options.watch()).containsExactly(Map.entry("agent", 12L), Map.entry("frontend", 34L));
		assertThat(options.report()).isEqualTo(Path.of("out.md"));
		assertThat(options.title()).isEqualTo("Run 1");
		assertThat(options.apiToken()).isEqualTo("s3cret");
		assertThat(options.help()).isTrue();
		assertThat(options.toString()).doesNotContain("s3cret").contains("(set)");
	}

	@Test
	void primingFollowsTheWarmupAndTheHighestConcurrencyUnlessGiven() throws UsageException {
		Options options = Options.parse(List.of("--concurrency", "16,4", "--warmup", "10s"), Map.of());
		assertThat(options.prime()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.primeConcurrency()).isEqualTo(16);
		assertThat(Options.parse(List.of("--warmup", "10s", "--prime", "0"), Map.of()).prime()).isZero();
		assertThat(Options.usage()).contains("--prime=DURATION", "--prime-concurrency=N",
				"callers at once while priming (default: the highest --concurrency)");
	}

	@Test
	void theAgentUrlComesFromTheEnvironmentWhenNotGiven() throws UsageException {
		assertThat(Options.parse(List.of(), Map.of("AGENT_URL", "http://10.0.0.5:8081")).agentUrl())
			.isEqualTo(URI.create("http://10.0.0.5:8081"));
		assertThat(Options.parse(List.of("--agent=http://a:1"), Map.of("AGENT_URL", "http://b:2")).agentUrl())
			.isEqualTo(URI.create("http://a:1"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					--agent                       | --agent needs a value, e.g. --agent http://localhost:8081
					--agent ftp://agent           | --agent must be an absolute http or https URL with a host such as http://localhost:8081, but was 'ftp://agent'
					--agent http://u:p@agent:8081 | --agent must not contain user info (credentials), but was 'http://***@agent...'; pass the token separately
					--frontend localhost:8080     | --frontend must be an absolute http or https URL with a host such as http://localhost:8081, but was 'localhost:8080'
					--scenarios chat,load         | --scenarios 'chat,load': 'load' is not a scenario; choose from chat,stream,floor,relay,relay-new-session,completions
					--scenarios relay             | --scenarios relay needs the frontend's URL: add --frontend
					--concurrency 1,0             | --concurrency '1,0': each level is a whole number from 1 to 1024
					--concurrency 1,,4            | --concurrency '1,,4': each level is a whole number
					--concurrency 5000            | each level is a whole number from 1 to 1024
					--duration 10h                | --duration '10h': use a number with ms, s or m (seconds when none)
					--duration 0                  | --duration '0': must be more than 0
					--warmup -1                   | --warmup '-1': use a number with ms, s or m
					--warmup                      | --warmup needs a value, e.g. --warmup 3s
					--prime 1h                    | --prime '1h': use a number with ms, s or m
					--prime-concurrency 0         | --prime-concurrency '0': must be a whole number from 1 to 1024
					--prime-concurrency 2000      | --prime-concurrency '2000': must be a whole number from 1 to 1024
					--prime-concurrency x         | --prime-concurrency
					--min-calls -1                | --min-calls '-1': must be a whole number from 0 to 1000000, e.g. --min-calls 100
					--min-calls many              | --min-calls
					--report x extra              | unexpected argument 'extra'
					--watch agent                 | --watch 'agent': use NAME=PID, e.g. --watch agent=12345
					--watch a=1 --watch a=2       | --watch 'a=2': a is watched twice
					--verbose                     | unknown option '--verbose'
					chat                          | unexpected argument 'chat'
					--scenarios completions       | --scenarios completions needs at least one target: add --completions
					--completions agent           | --completions 'agent': use NAME=URL
					--completions =http://a/v1    | --completions '=http://a/v1': use NAME=URL
					--completions a=ftp://a       | --completions a must be an absolute http or https URL with a host such as http://localhost:8081, but was 'ftp://a'
					--completions a=http://x/v1 --completions a=http://y/v1 | --completions 'a=http://y/v1': a is given twice
					--model  | --model needs a value
					--token abc                   | pass the token in the environment variable AGENT_API_TOKEN, never on the command line
					""")
	void badCommandLinesSayWhatIsWrongAndHowToFixIt(String commandLine, String expected) {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Options.parse(List.of(commandLine.split(" ")), Map.of()))
			.withMessageContaining(expected);
	}

	@Test
	void completionsTargetsAddTheirScenarioInOrderWithTheModelAndResultsFile() throws UsageException {
		Options options = Options.parse(List.of("--completions", "upstream=http://127.0.0.1:1/v1", "--completions",
				"litellm=http://127.0.0.1:2/v1", "--model", "gpt", "--results", "peer.tsv", "--threads", "t.tsv"),
				Map.of());
		assertThat(options.scenarios()).containsExactly("chat", "stream", "floor", "completions");
		assertThat(options.completions()).containsExactly(Map.entry("upstream", URI.create("http://127.0.0.1:1/v1")),
				Map.entry("litellm", URI.create("http://127.0.0.1:2/v1")));
		assertThat(options.model()).isEqualTo("gpt");
		assertThat(options.results()).isEqualTo(Path.of("peer.tsv"));
		assertThat(options.threads()).isEqualTo(Path.of("t.tsv"));
		assertThat(Options.parse(List.of(), Map.of()).threads()).isNull();
		assertThat(Options.parse(List.of(), Map.of()).model()).isEqualTo("project51-agent");
		assertThat(Options.usage()).contains("--completions", "completions  a streamed OpenAI chat completion");
	}

	@Test
	void aBlankMessageIsRefused() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Options.parse(List.of("--message", " "), Map.of()))
			.withMessageContaining("--message is empty");
	}

	@Test
	void secondsAreTheDefaultUnit() throws UsageException {
		assertThat(Options.duration("--duration", "15")).isEqualTo(Duration.ofSeconds(15));
	}

}
