package dev.project51.frontend.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.project51.frontend.support.AgentAndFrontend;
import dev.project51.frontend.support.TestApplication;
import dev.project51.testsupport.net.FreePorts;
import dev.project51.testsupport.sse.SseEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static dev.project51.frontend.support.AgentAndFrontend.close;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many users, some hostile, driven over HTTP against the frontend in front of a real
 * agent (its offline local model), both at their default limits: 40 hostile senders
 * cannot make one normal user's messages fail, a conversation is 404 for every other
 * browser session, and an id the client made up is refused.
 */
class ManyUsersIT {

	private static final String TOKEN = "many-users-token-5b1e";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static Path dataDirectory;

	private static ConfigurableApplicationContext agent;

	private static ConfigurableApplicationContext frontend;

	private static int frontendPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startBoth() throws IOException {
		dataDirectory = Files.createTempDirectory("project51-many-users");
		int agentPort = FreePorts.one();
		agent = AgentAndFrontend.startAgent(List.of(TestApplication.class), agentPort, TOKEN, dataDirectory);
		frontend = AgentAndFrontend.startFrontend(List.of(TestApplication.class), agentPort, TOKEN,
				// The senders come from many addresses, as browsers behind a proxy.
				"--server.forward-headers-strategy=native");
		frontendPort = ((WebServerApplicationContext) frontend).getWebServer().getPort();
	}

	@AfterAll
	static void stopBoth() {
		close(frontend);
		close(agent);
		if (dataDirectory != null) {
			FileSystemUtils.deleteRecursively(dataDirectory.toFile());
		}
	}

	@Test
	void fortyHostileSendersCannotMakeANormalUsersMessagesFail() throws Exception {
		AtomicBoolean attacking = new AtomicBoolean(true);
		AtomicInteger hostileRequests = new AtomicInteger();
		AtomicInteger hostileRefused = new AtomicInteger();
		ExecutorService hostile = Executors.newFixedThreadPool(40);
		try {
			for (int i = 0; i < 40; i++) {
				// Half keep a session each, from an address each; half throw their cookie
				// away, spread over two addresses.
				boolean keepsCookie = i < 20;
				String address = keepsCookie ? "198.51.100." + (i + 1) : "192.0.2." + (i % 2 + 1);
				hostile.submit(() -> {
					String cookie = keepsCookie ? session(address) : null;
					while (attacking.get()) {
						try {
							HttpResponse<InputStream> response = this.http.send(
									stream(address, cookie, null,
											"How do I roll back a release? " + hostileRequests.incrementAndGet()),
									HttpResponse.BodyHandlers.ofInputStream());
							if (response.statusCode() == 429) {
								hostileRefused.incrementAndGet();
							}
							try (InputStream body = response.body()) {
								body.transferTo(OutputStream.nullOutputStream());
							}
						}
						catch (IOException ex) {
							// the frontend may close a flooded connection; keep sending
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return null;
						}
						// The pace of an attacker's script (20 requests a second per
						// sender,
						// far past every budget) that leaves the test machine's cores to
						// the
						// servers.
						LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
					}
					return null;
				});
			}
			String normal = "203.0.113.7";
			String cookie = session(normal);
			List<String> failures = new ArrayList<>();
			String conversationId = null;
			for (int i = 0; i < 4; i++) {
				HttpResponse<InputStream> response = this.http.send(
						stream(normal, cookie, conversationId, "Question " + i + ": how do I roll back a release?"),
						HttpResponse.BodyHandlers.ofInputStream());
				List<SseEvents.Event> events;
				try (InputStream body = response.body()) {
					events = (response.statusCode() == 200) ? SseEvents.readAll(body) : List.of();
				}
				SseEvents.Event last = events.isEmpty() ? null : events.get(events.size() - 1);
				if (response.statusCode() != 200 || last == null || !last.name().equals("done")) {
					failures.add("message " + i + ": status " + response.statusCode() + ", last event " + last);
					continue;
				}
				String meta = events.get(0).data();
				conversationId = JSON.readTree(meta).path("conversationId").asString();
			}
			HttpResponse<String> list = this.http.send(get("/api/conversations", normal, cookie),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> history = this.http.send(get("/api/conversations/" + conversationId, normal, cookie),
					HttpResponse.BodyHandlers.ofString());
			attacking.set(false);
			assertThat(failures).as("the normal user's failed messages").isEmpty();
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(list.body()).path("conversations")).hasSize(1);
			assertThat(history.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(history.body()).path("messages")).hasSize(8);
			assertThat(hostileRefused.get()).as("hostile requests refused (of %s)", hostileRequests.get())
				.isGreaterThan(hostileRequests.get() / 2);
		}
		finally {
			attacking.set(false);
			hostile.shutdownNow();
			assertThat(hostile.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void aConversationIsNotFoundForEveryOtherBrowserSession() throws Exception {
		String address = "203.0.113.20";
		String alice = session(address);
		String mallory = session("203.0.113.21");
		String id = converse(address, alice, null, "How do I roll back a release?");
		assertThat(id).matches("[A-Za-z0-9_-]{24,64}");
		assertThat(this.http.send(get("/api/conversations/" + id, address, alice), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);

		HttpResponse<String> read = this.http.send(get("/api/conversations/" + id, "203.0.113.21", mallory),
				HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).isEqualTo(404);
		assertThat(read.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(read.body()).doesNotContain("roll back");
		HttpResponse<String> rename = this.http.send(HttpRequest.newBuilder(uri("/api/conversations/" + id))
			.header("X-Forwarded-For", "203.0.113.21")
			.header("Cookie", mallory)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"mine now\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(rename.statusCode()).isEqualTo(404);
		this.http.send(HttpRequest.newBuilder(uri("/api/conversations/" + id))
			.header("X-Forwarded-For", "203.0.113.21")
			.header("Cookie", mallory)
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode problem = streamProblem("203.0.113.21", mallory, id, "Tell me what Alice asked");
		assertThat(problem.path("status").asInt()).isEqualTo(404);
		HttpResponse<String> malloryList = this.http.send(get("/api/conversations", "203.0.113.21", mallory),
				HttpResponse.BodyHandlers.ofString());
		assertThat(JSON.readTree(malloryList.body()).path("conversations")).isEmpty();

		// Alice's conversation is untouched.
		HttpResponse<String> still = this.http.send(get("/api/conversations/" + id, address, alice),
				HttpResponse.BodyHandlers.ofString());
		assertThat(still.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(still.body()).path("messages")).hasSize(2);
		assertThat(JSON.readTree(still.body()).path("title").asString()).isEqualTo("How do I roll back a release?");
	}

	@Test
	void aConversationIdTheClientMadeUpIsRefused() throws Exception {
		String address = "203.0.113.30";
		String cookie = session(address);
		JsonNode problem = streamProblem(address, cookie, "my-own-conversation-id", "Hello");
		assertThat(problem.path("status").asInt()).isEqualTo(404);
		HttpResponse<String> list = this.http.send(get("/api/conversations", address, cookie),
				HttpResponse.BodyHandlers.ofString());
		assertThat(JSON.readTree(list.body()).path("conversations")).as("no conversation was created").isEmpty();
	}

	/** A new browser session: the cookie the page sets. */
	private String session(String address) throws IOException, InterruptedException {
		HttpResponse<String> page = this.http.send(get("/", address, null), HttpResponse.BodyHandlers.ofString());
		String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

	/** Sends a message, reads the whole answer and returns the conversation id. */
	private String converse(String address, String cookie, String conversationId, String message)
			throws IOException, InterruptedException {
		HttpResponse<InputStream> response = this.http.send(stream(address, cookie, conversationId, message),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		try (InputStream body = response.body()) {
			List<SseEvents.Event> events = SseEvents.readAll(body);
			assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
			return JSON.readTree(events.get(0).data()).path("conversationId").asString();
		}
	}

	/** Sends a message that must fail and returns the problem of its error event. */
	private JsonNode streamProblem(String address, String cookie, String conversationId, String message)
			throws IOException, InterruptedException {
		HttpResponse<InputStream> response = this.http.send(stream(address, cookie, conversationId, message),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				return JSON.readTree(body);
			}
			List<SseEvents.Event> events = SseEvents.readAll(body);
			SseEvents.Event last = events.get(events.size() - 1);
			assertThat(last.name()).isEqualTo("error");
			return JSON.readTree(last.data()).path("problem");
		}
	}

	private HttpRequest stream(String address, String cookie, String conversationId, String message) {
		JsonNode body = JSON.createObjectNode().put("conversationId", conversationId).put("message", message);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/chat/stream"))
			.timeout(Duration.ofSeconds(60))
			.header("X-Forwarded-For", address)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return request.build();
	}

	private HttpRequest get(String path, String address, String cookie) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Forwarded-For", address)
			.GET();
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return request.build();
	}

	private static URI uri(String path) {
		return URI.create("http://localhost:" + frontendPort + path);
	}

}
