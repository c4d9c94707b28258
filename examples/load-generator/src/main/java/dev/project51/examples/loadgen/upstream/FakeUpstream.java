package dev.project51.examples.loadgen.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Fault;
import dev.project51.testsupport.providers.Protocol;

/**
 * A local OpenAI-compatible model provider for the peer race of {@code benchmark.sh}:
 * provider-fakes' {@link FakeProvider}, streaming the same answer of {@code words} words
 * to every chat completion, the first after {@code first-token-delay} and each next one
 * {@code between-tokens} later. Runs until killed.
 * <p>
 * {@code java -cp load-generator.jar dev.project51.examples.loadgen.upstream.FakeUpstream
 * URL_FILE [WORDS [FIRST_TOKEN_DELAY_MS [BETWEEN_TOKENS_MS]]]} writes its base URL
 * ({@code http://127.0.0.1:<port>/v1}) to {@code URL_FILE} once it listens.
 */
public final class FakeUpstream {

	static final int DEFAULT_WORDS = 20;

	static final long DEFAULT_FIRST_TOKEN_MS = 20;

	static final long DEFAULT_BETWEEN_TOKENS_MS = 5;

	private FakeUpstream() {
	}

	/**
	 * Starts the fake and serves until the process is killed.
	 * @param args the URL file, then optionally the words, the first-token delay and the
	 * delay between tokens in milliseconds
	 * @throws IOException if the URL file cannot be written
	 * @throws InterruptedException if interrupted
	 */
	public static void main(String[] args) throws IOException, InterruptedException {
		if (args.length < 1 || args.length > 4) {
			throw new IllegalArgumentException(
					"usage: FakeUpstream URL_FILE [WORDS [FIRST_TOKEN_DELAY_MS [BETWEEN_TOKENS_MS]]]");
		}
		int words = (args.length > 1) ? Integer.parseInt(args[1]) : DEFAULT_WORDS;
		long first = (args.length > 2) ? Long.parseLong(args[2]) : DEFAULT_FIRST_TOKEN_MS;
		long between = (args.length > 3) ? Long.parseLong(args[3]) : DEFAULT_BETWEEN_TOKENS_MS;
		FakeProvider provider = start(words, Duration.ofMillis(first), Duration.ofMillis(between));
		// The fake records every request for tests; forget them so that memory stays
		// flat.
		ScheduledExecutorService forget = Executors.newSingleThreadScheduledExecutor();
		forget.scheduleWithFixedDelay(provider::resetCount, 1, 1, TimeUnit.SECONDS);
		Files.writeString(Path.of(args[0]), provider.baseUrl() + "\n", StandardCharsets.UTF_8);
		new CountDownLatch(1).await();
	}

	/**
	 * Starts the fake.
	 * @param words the number of words of every answer, each one token
	 * @param firstTokenDelay the time before the first token
	 * @param betweenTokens the time between two tokens
	 * @return the running fake; close it to stop it
	 */
	public static FakeProvider start(int words, Duration firstTokenDelay, Duration betweenTokens) {
		if (words < 1) {
			throw new IllegalArgumentException("words must be at least 1, was " + words);
		}
		FakeProvider provider = FakeProvider.start(Protocol.OPENAI, answer(words));
		if (!firstTokenDelay.isZero() || !betweenTokens.isZero()) {
			provider.failAlways(Fault.slowStream(firstTokenDelay, betweenTokens));
		}
		return provider;
	}

	static String answer(int words) {
		List<String> vocabulary = List.of("Roll", "back", "with", "the", "previous", "image", "tag", "and", "watch",
				"the", "readiness", "probe.");
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			text.append((i > 0) ? " " : "").append(vocabulary.get(i % vocabulary.size()));
		}
		return text.toString();
	}

}
