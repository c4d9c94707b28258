package dev.project51.server.internal.security;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

import dev.project51.server.internal.env.PropertyErrors;
import org.junit.jupiter.api.Test;

import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AllowedHosts}: which configured entries are host names, and which
 * {@code Host} headers they let in.
 */
class AllowedHostsTests {

	private final Errors errors = new MapBindingResult(new HashMap<>(), "project51.demo");

	private final PropertyErrors problems = new PropertyErrors("project51.demo", this.errors);

	@Test
	void rejectsEachEntryThatIsNotAHostNameByItsIndexWithWhatToDo() {
		AllowedHosts.validate(this.problems, "security.allowedHosts", List.of("chat.example.com",
				"https://chat.example.com/", "*.example.com", "chat.example.com:8080", "*", "under_score.example"));

		assertThat(this.errors.getFieldErrors()).extracting(FieldError::getField)
			.containsExactly("security.allowedHosts[1]", "security.allowedHosts[3]");
		assertThat(this.errors.getFieldErrors()).extracting(FieldError::getDefaultMessage)
			.containsExactly(
					"project51.demo.security.allowed-hosts[1] must be a host name, but was 'https://chat.example.com/': "
							+ "give the name only, without scheme or path (e.g. chat.example.com)",
					"project51.demo.security.allowed-hosts[3] must be a host name, but was 'chat.example.com:8080': "
							+ "give the name only, without port (every port of an allowed name is allowed)");
	}

	@Test
	void noEntriesAndBlankEntriesAreNoError() {
		AllowedHosts.validate(this.problems, "allowedHosts", null);
		AllowedHosts.validate(this.problems, "allowedHosts", Arrays.asList("", " ", null));

		assertThat(this.errors.hasErrors()).isFalse();
	}

	@Test
	void aNameThatIsNoDnsNameSaysWhatIsExpected() {
		assertThat(AllowedHosts.invalid("chat example.com"))
			.isEqualTo("expected a DNS name such as chat.example.com or a pattern such as *.example.com");
		assertThat(AllowedHosts.invalid("Chat.Example.COM.")).isNull();
	}

	@Test
	void letsInTheConfiguredNamesTheLoopBackAndAddressesButNoOtherName() {
		AllowedHosts allowed = AllowedHosts.of(List.of("chat.example.com", "*.apps.example.com"));

		assertThat(allowed.allows("chat.example.com:8080")).isTrue();
		assertThat(allowed.allows("CHAT.example.com.")).isTrue();
		assertThat(allowed.allows("team.apps.example.com")).isTrue();
		assertThat(allowed.allows("apps.example.com")).as("a pattern names what is under it, not itself").isFalse();
		assertThat(allowed.allows("localhost:8080")).isTrue();
		assertThat(allowed.allows("10.244.0.7:8080")).isTrue();
		assertThat(allowed.allows("[::1]:8080")).isTrue();
		assertThat(allowed.allows(null)).as("an HTTP/1.0 request without Host").isTrue();
		assertThat(allowed.allows("evil.example")).isFalse();
		assertThat(allowed.allows("chat.example.com.evil.example")).isFalse();
	}

}
