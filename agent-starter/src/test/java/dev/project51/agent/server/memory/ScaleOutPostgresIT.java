package dev.project51.agent.server.memory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentInvalidRequestException;
import dev.project51.agent.client.ChatStream;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.Role;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.memory.internal.JdbcConversationLeasesTests;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.TestPostgres;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Protocol;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two agent replicas on one PostgreSQL database serve the same conversations: turns sent
 * at the same time through both, over HTTP with the agent client, are neither lost nor
 * duplicated nor interleaved, in the transcript and in the model memory; a turn that one
 * replica holds makes the other replica's turn of the same conversation wait for it (and
 * be refused after {@code chat.busy-wait}), because the lock is the conversation's lease
 * in the database. The model is a local fake provider that answers "Answer to #tag" for
 * the tag of the last user message, and holds chosen messages until the test lets them
 * go.
 * <p>
 * Needs a PostgreSQL server, see {@link TestPostgres}.
 */
class ScaleOutPostgresIT {

	private static final Pattern TAG = Pattern.compile("#[a-z0-9]+-[ab]-[0-9]+");

	private static final Map<String, Hold> holds = new ConcurrentHashMap<>();

	/** The messages of each model request, by the tag of its last user message. */
	private static final Map<String, List<String>> requests = new ConcurrentHashMap<>();

	@TempDir
	static Path data;

	private static FakeProvider provider;

	private static AgentApp replicaA;

	private static AgentApp replicaB;

	private static AgentClient clientA;

	private static AgentClient clientB;

	@BeforeAll
	static void startTwoReplicasOnOneDatabase() {
		TestPostgres.require();
		provider = FakeProvider.start(Protocol.OPENAI, "unused");
		provider.answers(ScaleOutPostgresIT::answer);
		replicaA = start("a");
		replicaB = start("b");
		clientA = AgentClient.builder().baseUrl(replicaA.baseUrl()).build();
		clientB = AgentClient.builder().baseUrl(replicaB.baseUrl()).build();
	}

	@AfterAll
	static void stop() {
		holds.values().forEach(Hold::release);
		for (AutoCloseable closeable : new AutoCloseable[] { clientA, clientB, replicaA, replicaB, provider }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// keep closing the others
			}
		}
	}

	@Test
	void concurrentTurnsThroughBothReplicasAreNeitherLostNorDuplicatedNorInterleaved() throws Exception {
		int conversations = 3;
		int turnsPerReplica = 3;
		List<String> ids = new ArrayList<>();
		for (int c = 0; c < conversations; c++) {
			ids.add(clientA.chat(ChatRequest.of("Hello #c" + c + "-a-0")).conversationId());
		}
		ExecutorService users = Executors.newFixedThreadPool(2 * conversations);
		try {
			CyclicBarrier start = new CyclicBarrier(2 * conversations);
			List<Future<?>> sent = new ArrayList<>();
			for (int c = 0; c < conversations; c++) {
				String id = ids.get(c);
				String prefix = "#c" + c;
				sent.add(users.submit(() -> {
					start.await();
					for (int n = 1; n <= turnsPerReplica; n++) {
						String tag = prefix + "-a-" + n;
						ChatReply reply = clientA.chat(ChatRequest.of(id, "Question " + tag));
						assertThat(reply.reply()).isEqualTo("Answer to " + tag);
						assertThat(reply.model()).isEqualTo("primary");
					}
					return null;
				}));
				sent.add(users.submit(() -> {
					start.await();
					for (int n = 1; n <= turnsPerReplica; n++) {
						String tag = prefix + "-b-" + n;
						assertThat(streamed(clientB, id, "Question " + tag)).isEqualTo("Answer to " + tag);
					}
					return null;
				}));
			}
			for (Future<?> future : sent) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			users.shutdownNow();
		}

		for (int c = 0; c < conversations; c++) {
			String id = ids.get(c);
			List<String> expected = new ArrayList<>(List.of("#c" + c + "-a-0"));
			for (int n = 1; n <= turnsPerReplica; n++) {
				expected.add("#c" + c + "-a-" + n);
				expected.add("#c" + c + "-b-" + n);
			}
			List<String> tags = transcriptTags(clientA, id);
			assertThat(tags).as("every turn once, in the transcript").containsExactlyInAnyOrderElementsOf(expected);
			assertThat(tags.stream().filter((tag) -> tag.contains("-a-")).toList()).as("A's turns in their order")
				.isSorted();
			assertThat(tags.stream().filter((tag) -> tag.contains("-b-")).toList()).as("B's turns in their order")
				.isSorted();
			assertThat(transcriptTags(clientB, id)).as("the same transcript through the other replica").isEqualTo(tags);
			assertThat(memoryTags(id)).as("the model memory holds the same turns in the same order").isEqualTo(tags);
		}
	}

	@Test
	void aTurnHeldOnOneReplicaMakesTheOtherReplicaWaitAndThenRefuse() throws Exception {
		String id = clientA.chat(ChatRequest.of("Hello #w-a-0")).conversationId();

		Hold first = hold("#w-a-1");
		CompletableFuture<ChatReply> held = CompletableFuture
			.supplyAsync(() -> clientA.chat(ChatRequest.of(id, "Hold on #w-a-1")));
		assertThat(first.arrived.await(30, TimeUnit.SECONDS)).as("the model got the held question").isTrue();
		CompletableFuture<ChatReply> waiting = CompletableFuture
			.supplyAsync(() -> clientB.chat(ChatRequest.of(id, "Question #w-b-2")));
		await().atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(waitingTurns(replicaB)).as("B's turn waits for A's").isEqualTo(1));
		first.release();
		assertThat(held.get(30, TimeUnit.SECONDS).reply()).isEqualTo("Answer to #w-a-1");
		assertThat(waiting.get(30, TimeUnit.SECONDS).reply()).isEqualTo("Answer to #w-b-2");
		assertThat(String.join("\n", requests.get("#w-b-2"))).as("B's turn reached the model after A's turn had ended")
			.containsSubsequence("Hello #w-a-0", "Answer to #w-a-0", "Hold on #w-a-1", "Answer to #w-a-1",
					"Question #w-b-2");

		Hold second = hold("#w-a-3");
		CompletableFuture<ChatReply> heldAgain = CompletableFuture
			.supplyAsync(() -> clientA.chat(ChatRequest.of(id, "Hold on #w-a-3")));
		assertThat(second.arrived.await(30, TimeUnit.SECONDS)).isTrue();
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> clientB.chat(ChatRequest.of(id, "Question #w-b-4")))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(409);
				assertThat(ex.problem()).hasValueSatisfying((problem) -> {
					assertThat(problem.type()).isEqualTo(ProblemType.CONVERSATION_BUSY.uri());
					assertThat(problem.detail()).contains("still answering a previous message");
				});
			});
		second.release();
		assertThat(heldAgain.get(30, TimeUnit.SECONDS).reply()).isEqualTo("Answer to #w-a-3");
		assertThat(requests).as("the refused turn never reached the model").doesNotContainKey("#w-b-4");
		assertThat(transcriptTags(clientB, id)).containsExactly("#w-a-0", "#w-a-1", "#w-b-2", "#w-a-3");
		assertThat(memoryTags(id)).containsExactly("#w-a-0", "#w-a-1", "#w-b-2", "#w-a-3");
	}

	@Test
	void leasesHoldOneTurnPerConversationOnPostgres() {
		JdbcConversationLeasesTests.holdsOneLeasePerConversation(replicaA.bean(DataSource.class));
	}

	@Test
	void restartedReplicaFreesOnlyItsEarlierRunsLeasesOnPostgres() {
		JdbcConversationLeasesTests.freesOnlyEarlierRunsOfTheSameReplica(replicaA.bean(DataSource.class));
	}

	private static AgentApp start(String name) {
		List<String> properties = new ArrayList<>(List.of(TestPostgres.properties()));
		properties.addAll(List.of(AgentApp.firstModel(provider, "primary", "fake-gpt",
				// held answers must not count as slow or fail over to the local model
				"project51.agent.failover.first-token-timeout=30s",
				"project51.agent.failover.circuit-breaker.slow-call-duration-threshold=30s")));
		return AgentApp.start(data.resolve(name), List.of(), properties.toArray(String[]::new));
	}

	private static String streamed(AgentClient client, String id, String message) {
		try (ChatStream stream = client.stream(ChatRequest.of(id, message))) {
			for (StreamEvent event : stream) {
				if (event instanceof StreamEvent.Done done) {
					assertThat(done.model()).isEqualTo("primary");
					return done.reply();
				}
				if (event instanceof StreamEvent.Error error) {
					throw new AssertionError("stream failed: " + error.problem());
				}
			}
		}
		throw new AssertionError("stream ended without done");
	}

	/**
	 * The tags of the user messages of the transcript, checking that each is followed by
	 * its answer.
	 */
	private static List<String> transcriptTags(AgentClient client, String id) {
		List<ConversationMessage> messages = client.conversation(id, null, 100).messages();
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < messages.size(); i += 2) {
			assertThat(messages.get(i).role()).as("message %d of %s", i, messages).isEqualTo(Role.USER);
			String tag = tag(messages.get(i).text());
			assertThat(i + 1).as("the answer of %s", tag).isLessThan(messages.size());
			assertThat(messages.get(i + 1).role()).isEqualTo(Role.ASSISTANT);
			assertThat(messages.get(i + 1).text()).as("the answer after %s", tag).isEqualTo("Answer to " + tag);
			tags.add(tag);
		}
		return tags;
	}

	/**
	 * The tags of the user messages of the model memory in the shared database, checking
	 * that it starts with the system message and that each is followed by its answer.
	 */
	private static List<String> memoryTags(String id) {
		List<ChatMessage> memory = replicaB.bean(ChatMemoryStore.class).getMessages(id);
		assertThat(memory).isNotEmpty();
		assertThat(memory.get(0)).isInstanceOf(SystemMessage.class);
		List<String> tags = new ArrayList<>();
		for (int i = 1; i < memory.size(); i += 2) {
			assertThat(memory.get(i)).as("memory message %d of %s", i, memory).isInstanceOf(UserMessage.class);
			String tag = tag(((UserMessage) memory.get(i)).singleText());
			assertThat(i + 1).as("the answer of %s in memory", tag).isLessThan(memory.size());
			assertThat(memory.get(i + 1)).isInstanceOf(AiMessage.class);
			assertThat(((AiMessage) memory.get(i + 1)).text()).isEqualTo("Answer to " + tag);
			tags.add(tag);
		}
		return tags;
	}

	private static double waitingTurns(AgentApp replica) {
		return replica.bean(MeterRegistry.class).get("project51.agent.chat.turns.waiting").gauge().value();
	}

	private static String tag(String text) {
		Matcher matcher = TAG.matcher(text);
		assertThat(matcher.find()).as("a tag in %s", text).isTrue();
		return matcher.group();
	}

	private static Hold hold(String tag) {
		Hold hold = new Hold();
		holds.put(tag, hold);
		return hold;
	}

	/**
	 * The fake model: answers "Answer to #tag" for the last user message, after its hold
	 * is released if it has one.
	 */
	private static String answer(JsonNode body) {
		List<String> texts = new ArrayList<>();
		String last = "";
		for (JsonNode message : body.path("messages")) {
			JsonNode content = message.path("content");
			String text = content.isArray() ? content.toString() : content.asString("");
			texts.add(text);
			if ("user".equals(message.path("role").asString(""))) {
				last = text;
			}
		}
		Matcher matcher = TAG.matcher(last);
		String tag = matcher.find() ? matcher.group() : "untagged";
		requests.put(tag, texts);
		Hold hold = holds.get(tag);
		if (hold != null) {
			hold.arrived.countDown();
			try {
				hold.released.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return "Answer to " + tag;
	}

	private static final class Hold {

		private final CountDownLatch arrived = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		void release() {
			this.released.countDown();
		}

	}

}
