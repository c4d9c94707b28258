package dev.project51.examples.cli;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CommandLineErrorsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					--url             | --url needs a value, e.g. --url http://localhost:8081
					--name            | --name needs a value, e.g. --name NAME
					--verbose         | unknown option '--verbose'
					extra             | unexpected argument 'extra'
					--token=abc       | '--token': pass the token in the environment variable AGENT_API_TOKEN, never on the command line (other users of the machine can read command lines)
					--API-TOKEN abc   | '--API-TOKEN': pass the token in the environment variable AGENT_API_TOKEN
					""")
	void saysWhatIsWrongAndHowToFixIt(String commandLine, String expected) {
		ParameterException refused = catchThrowableOfType(ParameterException.class,
				() -> new CommandLine(new Arguments()).parseArgs(commandLine.split(" ")));
		assertThat(CommandLineErrors.describe(refused, "AGENT_API_TOKEN", Map.of("--url", "http://localhost:8081")))
			.startsWith(expected);
	}

	@Command(name = "example")
	static final class Arguments {

		@Option(names = "--url", paramLabel = "URL")
		String url;

		@Option(names = "--name", paramLabel = "NAME")
		String name;

	}

}
