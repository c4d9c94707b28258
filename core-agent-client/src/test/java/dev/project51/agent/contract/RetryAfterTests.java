package dev.project51.agent.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

	@Test
	void parsesDelaySeconds() {
		assertThat(RetryAfter.parse("120", this.clock)).contains(Duration.ofSeconds(120));
		assertThat(RetryAfter.parse(" 0 ", this.clock)).contains(Duration.ZERO);
	}

	@Test
	void parsesAnHttpDateRelativeToTheClock() {
		assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:00:30 GMT", this.clock)).contains(Duration.ofSeconds(30));
	}

	@Test
	void aDateInThePastMeansNow() {
		assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", this.clock)).contains(Duration.ZERO);
	}

	@Test
	void capsAbsurdValues() {
		assertThat(RetryAfter.parse("99999999999999999999", this.clock)).contains(Duration.ofDays(1));
		assertThat(RetryAfter.parse("Fri, 01 Mar 2030 12:00:00 GMT", this.clock)).contains(Duration.ofDays(1));
	}

	@Test
	void ignoresMissingAndMalformedValues() {
		assertThat(RetryAfter.parse(null, this.clock)).isEmpty();
		assertThat(RetryAfter.parse("", this.clock)).isEmpty();
		assertThat(RetryAfter.parse("-5", this.clock)).isEmpty();
		assertThat(RetryAfter.parse("1.5", this.clock)).isEmpty();
		assertThat(RetryAfter.parse("tomorrow", this.clock)).isEmpty();
	}

	@Test
	void secondsToSendAreRoundedUpAndAtLeastOne() {
		assertThat(RetryAfter.seconds(Duration.ofSeconds(30))).isEqualTo(30);
		assertThat(RetryAfter.seconds(Duration.ofMillis(30_001))).isEqualTo(31);
		assertThat(RetryAfter.seconds(Duration.ofNanos(1))).isEqualTo(1);
		assertThat(RetryAfter.seconds(Duration.ZERO)).isEqualTo(1);
		assertThat(RetryAfter.seconds(Duration.ofSeconds(-5))).isEqualTo(1);
		assertThat(RetryAfter.seconds(null)).isEqualTo(1);
	}

}
