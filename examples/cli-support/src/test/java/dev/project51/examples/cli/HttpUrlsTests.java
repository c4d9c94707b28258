package dev.project51.examples.cli;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpUrlsTests {

	@Test
	void keepsAUrlTheClientAcceptsAsGiven() throws UsageException {
		assertThat(HttpUrls.parse(" https://agent.example:8443/base/ ", "--url"))
			.isEqualTo(URI.create("https://agent.example:8443/base/"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					ftp://agent           | --url must be an absolute http or https URL with a host such as http://localhost:8081, but was 'ftp://agent'
					agent:8081            | --url must be an absolute http or https URL with a host such as http://localhost:8081, but was 'agent:8081'
					http://exa mple.com   | --url must be an absolute http or https URL such as http://localhost:8081, but was 'http://exa mple.com'
					http://agent/?q=1     | --url must not have a query or a fragment, but was 'http://agent/?q=1'; remove the '?...' or '#...'
					http://u:p@agent:8081 | --url must not contain user info (credentials), but was 'http://***@agent...'; pass the token separately, as the API token
					""")
	void namesWhereTheUrlCameFromInTheClientsMessage(String url, String expected) {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> HttpUrls.parse(url, "--url"))
			.withMessageStartingWith(expected)
			.withMessageNotContaining("baseUrl")
			.withMessageNotContaining("u:p");
	}

}
