package dev.project51.server.internal.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.project51.server.internal.logging.LogValues;
import dev.project51.server.internal.logging.ThrottledLog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LogValuesTests {

	@Test
	void lineBreaksControlsAndBidiControlsAreEscaped() {
		assertThat(LogValues.of("a\r\nFAKE 2026 INFO forged\u0000\u001b[31m\u202eexe.fdp\u2028"))
			.isEqualTo("a\\u000d\\u000aFAKE 2026 INFO forged\\u0000\\u001b[31m\\u202eexe.fdp\\u2028");
		assertThat(LogValues.of(null)).isNull();
		assertThat(LogValues.of("plain text, ümlaut and 日本")).isEqualTo("plain text, ümlaut and 日本");
	}

	@Test
	void longValuesAreCutSayingHowMuchWasLeftOut() {
		String logged = LogValues.of("x".repeat(10_000));
		assertThat(logged).startsWith("x".repeat(LogValues.MAX_LENGTH))
			.endsWith("...(" + (10_000 - LogValues.MAX_LENGTH) + " more characters)")
			.hasSizeLessThan(LogValues.MAX_LENGTH + 40);
		String surrogates = "😀".repeat(150);
		assertThat(LogValues.of(surrogates)).doesNotContain("\ud83d...");
	}

	@Test
	void repeatedWarningsAreThrottledAndTheNextLineSaysHowManyWereLeftOut() {
		Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		ThrottledLog log = new ThrottledLog(logger, 3, Duration.ofMillis(500));
		List<Boolean> logged = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			logged.add(log.warn("kind", "Refused {}", i));
		}
		assertThat(logged).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj((i) -> i < 3).toList());
		assertThat(appender.list).hasSize(3);
		assertThat(log.suppressed("kind")).isEqualTo(97);
		assertThat(log.warn("other", "Another kind")).as("kinds are throttled apart").isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> log.warn("kind", "Refused {}", "again"));
		// 97 left out above, and the tries of the wait before the next period began
		assertThat(appender.list.get(appender.list.size() - 1).getFormattedMessage())
			.matches("Refused again \\((9[7-9]|\\d{3}) more like it were not logged since the last one\\)");
		logger.detachAppender(appender);
	}

}
