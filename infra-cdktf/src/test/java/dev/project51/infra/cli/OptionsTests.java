package dev.project51.infra.cli;

import java.util.List;
import java.util.Map;

import dev.project51.infra.settings.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Options}: the command line is read without synthesizing anything.
 */
class OptionsTests {

	@Test
	void settingsAreHandedToTheLoaderAsOptionEqualsValue() throws UsageException {
		Options options = Options.parse(List.of("--region", "eu-central-1", "--app-port=8081", "--out", "build/tf"));
		assertThat(options.out()).isEqualTo("build/tf");
		assertThat(options.settingArguments()).containsExactlyInAnyOrder("--region=eu-central-1", "--app-port=8081");
		assertThat(options.help()).isFalse();
	}

	@Test
	void aBooleanAloneMeansTrueAndMayTakeItsValueEitherWay() throws UsageException {
		assertThat(Options.parse(List.of("--allow-ssh-from-anywhere", "--region=eu-west-1")).settingArguments())
			.containsExactlyInAnyOrder("--allow-ssh-from-anywhere=true", "--region=eu-west-1");
		assertThat(Options.parse(List.of("--create-cluster-on-boot", "false")).settingArguments())
			.containsExactly("--create-cluster-on-boot=false");
		assertThat(Options.parse(List.of("--create-cluster-on-boot=no")).settingArguments())
			.containsExactly("--create-cluster-on-boot=no");
	}

	@Test
	void theLastValueOfAnOptionWinsAndABlankOneIsHandedOnToUnsetIt() throws UsageException {
		assertThat(Options.parse(List.of("--region=eu-west-1", "--region=eu-central-1", "--name=")).settingArguments())
			.containsExactlyInAnyOrder("--region=eu-central-1", "--name=");
	}

	@Test
	void nothingGivenMeansNoSettingsAndNoOutputDirectory() throws UsageException {
		Options options = Options.parse(List.of());
		assertThat(options.out()).isNull();
		assertThat(options.settingArguments()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			--out                 | option --out needs a directory, for example --out=cdktf.out
			--region              | option --region needs a value, for example --region=eu-central-1
			--app-port            | option --app-port needs a value, for example --app-port=8080
			--ssh-cidrs           | option --ssh-cidrs needs a value, for example --ssh-cidrs=203.0.113.7/32
			--tags --region=x     | option --tags needs a value, for example --tags=Owner=alice
			--bogus               | unknown option '--bogus'
			--instance-typ=t3     | unknown option '--instance-typ'; did you mean --instance-type?
			eu-central-1          | unexpected argument 'eu-central-1'; options look like --region=eu-central-1
			""")
	void badCommandLinesSayWhatIsWrongAndHowToFixIt(String commandLine, String expected) {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> Options.parse(List.of(commandLine.split(" "))))
			.withMessage(expected);
	}

	@Test
	void helpShowsEverySettingWithItsVariableAndDefaultAndMarksTheProjectsOwn() {
		String help = Options.usage(Map.of("PROJECT51_NAME", "support-bot", "PROJECT51_TAGS", " "));
		for (SettingsLoader.SettingDescription setting : SettingsLoader.settings()) {
			String defaultValue = "PROJECT51_NAME".equals(setting.environmentVariable()) ? "support-bot (this project)"
					: setting.defaultValue();
			assertThat(help).contains("      " + setting.option() + (setting.flag() ? "[=true|false]" : "=<value>"))
				.contains("env " + setting.environmentVariable() + ", default " + defaultValue + "\n")
				.contains(setting.description());
		}
		assertThat(help).contains("  -h, --help").contains("Exit codes: 0 synthesized, 1 synthesis failed");
	}

}
