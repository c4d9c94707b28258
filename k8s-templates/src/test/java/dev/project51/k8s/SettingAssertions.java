package dev.project51.k8s;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Assertions on rejected settings: the exception names the setting, its message starts
 * with the setting's name and carries the given fragments (the bad value, the fix).
 */
public final class SettingAssertions {

	private SettingAssertions() {
	}

	/**
	 * Assert that building rejects a setting.
	 * @param build what builds the settings
	 * @param setting the setting the exception must name
	 * @param fragments what the message must contain
	 */
	public static void assertRejected(ThrowingCallable build, String setting, String... fragments) {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(build)
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo(setting))
			.withMessageStartingWith(setting)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(fragments));
	}

}
