package dev.project51.server.internal.security;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BearerToken}: the token both servers accept.
 */
class BearerTokenTests {

	@Test
	void noTokenIsConfiguredByNothingOrBlank() {
		assertThat(BearerToken.of(null)).isNull();
		assertThat(BearerToken.of("")).isNull();
		assertThat(BearerToken.of(" \n")).isNull();
	}

	@Test
	void matchesTheBearerHeaderWithTheSameTokenOnly() {
		BearerToken token = BearerToken.of("s3cret-Token.1");
		assertThat(token.matches(request("Bearer s3cret-Token.1"))).isTrue();
		assertThat(token.matches(request("bearer s3cret-Token.1"))).isTrue();
		assertThat(token.matches(request("Bearer s3cret-Token.2"))).isFalse();
		assertThat(token.matches(request("Basic s3cret-Token.1"))).isFalse();
		assertThat(token.matches(request("Bearer "))).isFalse();
		assertThat(token.matches(request(null))).isFalse();
		assertThat(token).hasToString("BearerToken[(set)]");
	}

	@Test
	void aTrailingNewlineOfASecretFileDoesNotCountAsTheAgentClientDropsIt() {
		assertThat(BearerToken.of("s3cret\n").matches(request("Bearer s3cret"))).isTrue();
		assertThat(BearerToken.of("  s3cret\r\n").matches(request("Bearer s3cret"))).isTrue();
	}

	@Test
	void refusesATokenNoClientCanSendWithoutShowingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> BearerToken.of("top secret"))
			.withMessageStartingWith("apiToken ")
			.withMessageContaining("at index 3")
			.withMessageNotContaining("top")
			.withMessageNotContaining("secret");
		assertThatIllegalArgumentException().isThrownBy(() -> BearerToken.of("tokén"))
			.withMessageContaining("at index 3");
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/models");
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

}
