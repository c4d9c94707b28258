package dev.project51.frontend.security.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecurityHeaders}.
 */
class SecurityHeadersTests {

	@Test
	void recognisesOrigins() {
		assertThat(SecurityHeaders.isOrigin("https://chat.example.com")).isTrue();
		assertThat(SecurityHeaders.isOrigin("http://localhost:8080")).isTrue();
		assertThat(SecurityHeaders.isOrigin("https://chat.example.com/")).isFalse();
		assertThat(SecurityHeaders.isOrigin("https://chat.example.com/path")).isFalse();
		assertThat(SecurityHeaders.isOrigin("https://user@chat.example.com")).isFalse();
		assertThat(SecurityHeaders.isOrigin("ftp://chat.example.com")).isFalse();
		assertThat(SecurityHeaders.isOrigin("chat.example.com")).isFalse();
		assertThat(SecurityHeaders.isOrigin("null")).isFalse();
		assertThat(SecurityHeaders.isOrigin(null)).isFalse();
	}

	@Test
	void normalisesOrigins() {
		assertThat(SecurityHeaders.normalizeOrigin("HTTPS://Chat.Example.com:443"))
			.isEqualTo("https://chat.example.com");
		assertThat(SecurityHeaders.normalizeOrigin("http://localhost:80")).isEqualTo("http://localhost");
		assertThat(SecurityHeaders.normalizeOrigin("http://localhost:8080")).isEqualTo("http://localhost:8080");
		assertThat(SecurityHeaders.normalizeOrigin("https://a.example/x")).isNull();
	}

}
