package dev.project51.testsupport.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTests {

	private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

	@Test
	void standsStillUntilMovedInUtc() {
		MutableClock clock = new MutableClock(START);
		assertThat(clock.instant()).isEqualTo(START);
		clock.advance(Duration.ofMillis(1500));
		assertThat(clock.instant()).isEqualTo(START.plusMillis(1500));
		assertThat(clock.millis()).isEqualTo(START.toEpochMilli() + 1500);
		assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
		assertThat(clock.withZone(ZoneId.of("Europe/Paris"))).isSameAs(clock);
	}

	@Test
	void movesFromSeveralThreadsAllCount() {
		MutableClock clock = new MutableClock(START);
		CompletableFuture<?>[] movers = IntStream.range(0, 4).mapToObj((i) -> CompletableFuture.runAsync(() -> {
			for (int step = 0; step < 10_000; step++) {
				clock.advance(Duration.ofMillis(1));
			}
		})).toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(movers).join();
		assertThat(clock.instant()).isEqualTo(START.plusSeconds(40));
	}

}
