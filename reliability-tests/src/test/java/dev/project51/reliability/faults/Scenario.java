package dev.project51.reliability.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.testsupport.providers.Fault;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One provider fault of the matrix and what the user must see on each path, within which
 * deadline, with every failover setting at its default. The deadlines are the product's
 * promises (the first fallback answer within 10 s, within 1 s once the circuit is open,
 * the primary back within 10 s of healing), asserted as functional limits, not
 * benchmarks; the measured times go to the report.
 */
enum Scenario {

	SERVER_ERROR("HTTP 500 (the provider's error body)") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			lane.provider().failAlways(Fault.status(500));
			return cell.fallback(lane, FAST, Defaults.MAX_ATTEMPTS);
		}
	},

	RATE_LIMITED("HTTP 429 with Retry-After: 2") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			lane.provider().failAlways(Fault.rateLimited(Duration.ofSeconds(2)));
			String outcome = cell.fallback(lane, FAST, Defaults.MAX_ATTEMPTS);
			assertThat(cell.answer.total()).as("two retries, each after the 2 s the provider asked for")
				.isGreaterThan(Duration.ofMillis(3800));
			return outcome;
		}
	},

	RESET("connection reset") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			lane.provider().failAlways(Fault.reset());
			return cell.fallback(lane, FAST, Defaults.MAX_ATTEMPTS);
		}
	},

	MALFORMED("malformed body") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			lane.provider().failAlways(Fault.malformedBody());
			return cell.fallback(lane, FAST, -1);
		}
	},

	EMPTY("empty body") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			lane.provider().failAlways(Fault.emptyBody());
			// Anthropic's client never ends an empty stream: the first-token budget does.
			return cell.fallback(lane, FALLBACK, -1);
		}
	},

	UNAUTHORIZED("HTTP 401") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			lane.provider().failAlways(Fault.unauthorized());
			return cell.fallback(lane, FAST, 1);
		}
	},

	HANG_BEFORE_HEADERS("hang before the response headers", Fault::hangBeforeHeaders),

	HANG_AFTER_HEADERS("hang after the response headers", Fault::hangAfterHeaders),

	STALL_BEFORE_FIRST_TOKEN("stream stalls before its first token", Fault::stallBeforeFirstToken),

	STALL_MID_STREAM("stream stalls after two tokens") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			lane.provider().failAlways(Fault.stallAfter(2));
			Duration limit = Defaults.IDLE_TIMEOUT.plus(FAST);
			if (!lane.path().streaming()) {
				// Nothing was shown yet: the answer moves to the next model.
				return cell.fallback(lane, limit, 1);
			}
			cell.ask(lane);
			AnswerPath.Answer answer = cell.answer;
			assertThat(answer.total()).as("ended by the agent's idle timeout").isLessThan(limit);
			assertThat(answer.text()).as("the text that arrived is kept").isEqualTo("Primary answers ");
			if (lane.path() == AnswerPath.OPENAI_STREAM) {
				assertThat(answer.error()).as("an error chunk, no [DONE]").isEqualTo("answer_interrupted");
			}
			else {
				assertThat(answer.error()).isEqualTo(ProblemType.ANSWER_INTERRUPTED.uri());
				assertThat(answer.errorDetail()).as("the same words whichever layer noticed")
					.isEqualTo(ProblemDetail.answerInterrupted(null).detail());
			}
			if (lane.path() == AnswerPath.API_STREAM) {
				List<ConversationMessage> messages = lane.agentClient()
					.conversation(answer.conversationId())
					.messages();
				ConversationMessage stored = messages.get(messages.size() - 1);
				assertThat(stored.interrupted()).as("stored as interrupted: %s", stored).isTrue();
				assertThat(stored.text()).isEqualTo(answer.text());
			}
			return "first token after " + seconds(answer.firstToken()) + ", interrupted at " + seconds(answer.total())
					+ ", text kept";
		}
	},

	SLOW_STEADY_STREAM("slow but steady stream (a token every 10 s)") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			Duration gap = Duration.ofSeconds(10);
			assertThat(gap).isLessThan(Defaults.IDLE_TIMEOUT);
			lane.provider().failAlways(Fault.slowStream(Duration.ofSeconds(1), gap));
			cell.ask(lane);
			AnswerPath.Answer answer = cell.answer;
			assertThat(answer.error()).as("never abandoned: %s", answer).isNull();
			assertThat(answer.model()).isEqualTo(lane.kind().modelName());
			assertThat(answer.degraded()).isFalse();
			assertThat(answer.text()).isEqualTo(FaultLane.PRIMARY_ANSWER);
			assertThat(answer.total()).as("two gaps of 10 s, longer than the idle timeout together")
				.isGreaterThan(gap.multipliedBy(2))
				.isGreaterThan(Defaults.IDLE_TIMEOUT);
			assertThat(lane.provider().requests()).isOne();
			return "answered by the primary, complete, in " + seconds(answer.total());
		}
	},

	DISCONNECT_WHILE_SILENT("the client leaves while the model is silent") {
		@Override
		boolean appliesTo(AnswerPath path) {
			// A blocking request's client that leaves is noticed only when its answer is
			// written: the servlet container reports a closed connection only on a
			// write, and a JSON answer cannot write before its status (agent.md).
			return path.streaming();
		}

		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			// A conversation belongs to whoever started it: the API client, or the
			// browser.
			String conversation = switch (lane.path()) {
				case OPENAI_STREAM -> null;
				case BROWSER -> lane.frontendChat()
					.send(null, "Hello, where does this run?", Duration.ofSeconds(60))
					.conversationId();
				default -> lane.agentClient().chat(ChatRequest.of("Hello, where does this run?")).conversationId();
			};
			lane.provider().failAlways(Fault.hangBeforeHeaders());
			lane.provider().resetCount();
			Duration left = lane.leaveWhileWaiting(conversation, QUESTION);
			long gone = System.nanoTime();
			assertThat(lane.provider().requests()).as("the message reached the provider").isOne();
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> lane.provider().inFlight() == 0);
			Duration noticed = Duration.ofNanos(System.nanoTime() - gone);
			Duration limit = (lane.path() == AnswerPath.BROWSER) ? Duration.ofSeconds(5) : Duration.ofSeconds(3);
			assertThat(noticed).as("the agent closed the provider's exchange (%s after the client left)", noticed)
				.isLessThan(limit);
			lane.provider().heal();
			if (conversation == null) {
				return "the agent closed the silent provider's exchange " + seconds(noticed) + " after the client left";
			}
			long resent = System.nanoTime();
			AnswerPath.Answer again = lane.path().askIn(lane, conversation, "And now?");
			assertThat(again.error()).as("sent again at once: not 409 conversation-busy: %s", again).isNull();
			assertThat(again.model()).isEqualTo(lane.kind().modelName());
			return "left after " + seconds(left) + "; the agent closed the provider's exchange " + seconds(noticed)
					+ " later; sending again at once answered in "
					+ seconds(Duration.ofNanos(System.nanoTime() - resent));
		}
	},

	HANG_THEN_HEAL("hang, then heal") {
		@Override
		String check(FaultLane lane, Cell cell) throws Exception {
			lane.provider().failAlways(Fault.hangBeforeHeaders());
			int users = Defaults.FAILURES_TO_OPEN;
			List<AnswerPath.Answer> first = concurrently(users, () -> lane.path().ask(lane, QUESTION));
			Duration slowest = Duration.ZERO;
			for (AnswerPath.Answer answer : first) {
				assertFallback(lane, answer, FALLBACK);
				slowest = max(slowest, answer.firstAnswer());
			}
			JsonNode primary = lane.primaryStatus();
			assertThat(primary.path("state").asString()).as("cut off after a handful of calls: %s", primary)
				.isEqualTo("OPEN");
			assertThat(primary.path("failing").asBoolean()).isTrue();
			assertThat(primary.path("lastError").asString())
				.isEqualTo("no first token within " + Defaults.FIRST_TOKEN_TIMEOUT.toSeconds() + " s");
			if (lane.path() == AnswerPath.BROWSER) {
				assertThat(lane.frontendStatus()).as("the status pill").isEqualTo("degraded");
			}
			cell.ask(lane);
			assertFallback(lane, cell.answer, OPEN_CIRCUIT);
			Duration open = cell.answer.firstAnswer();
			lane.provider().heal();
			long healed = System.nanoTime();
			await().atMost(HEALED.plusSeconds(5))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> "CLOSED".equals(lane.primaryStatus().path("state").asString()));
			Duration back = Duration.ofNanos(System.nanoTime() - healed);
			assertThat(back).as("the primary serves again within 10 s of healing").isLessThan(HEALED);
			AnswerPath.Answer after = lane.path().ask(lane, QUESTION);
			assertThat(after.model()).isEqualTo(lane.kind().modelName());
			assertThat(after.degraded()).isFalse();
			return "first fallback answers after " + seconds(slowest) + " (" + users + " users), then " + seconds(open)
					+ " with the circuit open; primary back " + seconds(back) + " after healing";
		}
	};

	/** The product's promise: the first fallback answer within 10 s. */
	static final Duration FALLBACK = Duration.ofSeconds(10);

	/** A fault the provider reports at once heals well under the promise. */
	static final Duration FAST = Duration.ofSeconds(10);

	/** Once the circuit is open, an answer within 1 s. */
	static final Duration OPEN_CIRCUIT = Duration.ofSeconds(1);

	/** The primary serves again within 10 s of healing. */
	static final Duration HEALED = Duration.ofSeconds(10);

	static final String QUESTION = "How do I roll back a deployment?";

	private final String title;

	private final Supplier<Fault> silence;

	Scenario(String title) {
		this(title, null);
	}

	/**
	 * A fault through which the provider says nothing: the scenario {@link #check checks}
	 * that the fallback answers once the first-token budget is spent.
	 */
	Scenario(String title, Supplier<Fault> silence) {
		this.title = title;
		this.silence = silence;
	}

	String title() {
		return this.title;
	}

	/**
	 * Whether the scenario means something on the path.
	 * @param path the path
	 * @return {@code true} unless the path cannot show the behaviour
	 */
	boolean appliesTo(AnswerPath path) {
		return true;
	}

	/**
	 * Injects the fault, sends a message on the lane's path and checks what the user saw.
	 * @param lane the lane, prepared
	 * @param cell where the answer is kept for the report
	 * @return the outcome for the report
	 */
	String check(FaultLane lane, Cell cell) throws Exception {
		lane.provider().failAlways(this.silence.get());
		return cell.budgetSpent(lane);
	}

	static void assertFallback(FaultLane lane, AnswerPath.Answer answer, Duration limit) {
		assertThat(answer.error()).as("no error for the user: %s", answer).isNull();
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.model()).as("answered by the local model: %s", answer).isEqualTo("local");
		assertThat(answer.degraded()).isTrue();
		assertThat(answer.text()).isNotBlank();
		assertThat(answer.firstAnswer()).as("the answer began within %s: %s", limit, answer).isLessThan(limit);
	}

	static String seconds(Duration duration) {
		return (duration == null) ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static <T> List<T> concurrently(int count, Callable<T> action) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(count);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(action));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * One cell: a scenario on a lane, and the answer it observed.
	 */
	static final class Cell {

		AnswerPath.Answer answer;

		void ask(FaultLane lane) throws Exception {
			this.answer = lane.path().ask(lane, QUESTION);
		}

		/**
		 * The fallback's answer within the limit; {@code attempts} (when not -1) requests
		 * reached the provider.
		 */
		String fallback(FaultLane lane, Duration limit, int attempts) throws Exception {
			ask(lane);
			assertFallback(lane, this.answer, limit);
			if (attempts > 0) {
				assertThat(lane.provider().requests()).as("attempts on the provider").isEqualTo(attempts);
			}
			return "answered by `local`, degraded, after " + seconds(this.answer.firstAnswer());
		}

		/**
		 * A provider that says nothing: the fallback answers once the first-token budget
		 * is spent, without a retry on top of it, and the provider's exchange is closed.
		 */
		String budgetSpent(FaultLane lane) throws Exception {
			String outcome = fallback(lane, FALLBACK, 1);
			assertThat(this.answer.firstAnswer()).as("the first-token budget was spent")
				.isGreaterThan(Defaults.FIRST_TOKEN_TIMEOUT.minusMillis(500));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(lane.provider().inFlight()).as("the agent closed the exchange").isZero());
			return outcome;
		}

	}

}
