package dev.project51.agent.server.openai;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.StreamCollector;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Fault;
import dev.project51.testsupport.providers.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Real OpenAI clients against the agent's {@code /v1} while its primary model (a fake
 * OpenAI server) fails or stalls in the middle of its answer: the official OpenAI Java
 * SDK and LangChain4j's OpenAI client must see an error, never a short answer marked
 * complete. Before the first token the agent still fails over, so the same clients get a
 * whole answer from the local model.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenAiClientsTests {

	private static final String TOKEN = "openai-clients-token";

	private static final String ANSWER = "one two three four five six seven eight nine ten";

	private static FakeProvider provider;

	private static AgentApp app;

	private static OpenAIClient sdk;

	@BeforeAll
	static void startAnAgentInFrontOfAFakeProvider(@TempDir Path data) throws Exception {
		provider = FakeProvider.start(Protocol.OPENAI, ANSWER);
		// The defaults but a short idle timeout (a stall is noticed after 1 s, not
		// 15 s) and a circuit that stays closed through the tests' failures.
		app = AgentApp.start(data, List.of(),
				AgentApp.firstModel(provider, "remote", "gpt-test", "project51.agent.api-token=" + TOKEN,
						"project51.agent.failover.idle-timeout=1s",
						"project51.agent.failover.circuit-breaker.sliding-window-size=20",
						"project51.agent.failover.circuit-breaker.minimum-number-of-calls=20"));
		sdk = OpenAIOkHttpClient.builder().baseUrl(app.baseUrl() + "/v1").apiKey(TOKEN).maxRetries(0).build();
	}

	@AfterAll
	static void stop() {
		sdk.close();
		app.close();
		provider.close();
	}

	@AfterEach
	void heal() {
		provider.heal();
	}

	private static ChatCompletionCreateParams params() {
		return ChatCompletionCreateParams.builder().model("project51-agent").addUserMessage("Count to ten").build();
	}

	@Test
	void theOpenAiSdkRaisesAnErrorWhenTheModelFailsMidStream() {
		provider.failAlways(Fault.errorMidStream(3));
		assertSdkStreamFails();
	}

	@Test
	void theOpenAiSdkRaisesAnErrorWhenTheModelStallsMidStream() {
		provider.failAlways(Fault.stallAfter(3));
		assertSdkStreamFails();
	}

	private void assertSdkStreamFails() {
		List<ChatCompletionChunk> chunks = new ArrayList<>();
		assertThatThrownBy(() -> {
			try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params())) {
				stream.stream().forEach(chunks::add);
			}
		}).isInstanceOf(RuntimeException.class);
		StringBuilder text = new StringBuilder();
		chunks
			.forEach((chunk) -> chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(text::append)));
		assertThat(text.toString()).isEqualTo("one two three ");
		assertThat(chunks).noneSatisfy((chunk) -> assertThat(chunk.choices())
			.anySatisfy((choice) -> assertThat(choice.finishReason()).isPresent()));
	}

	@Test
	void theOpenAiSdkGetsAWholeAnswerWhenTheModelFailsBeforeItsFirstToken() {
		provider.failAlways(Fault.overloaded());
		ChatCompletion completion = sdk.chat().completions().create(params());
		assertThat(completion.model()).isEqualTo("local");
		assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
		List<String> text = new ArrayList<>();
		try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params())) {
			stream.stream()
				.forEach((chunk) -> chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(text::add)));
		}
		assertThat(String.join("", text)).isNotBlank();
	}

	@Test
	void langChain4jsOpenAiClientSeesAnErrorWhenTheModelFailsMidStream() throws Exception {
		provider.failAlways(Fault.errorMidStream(3));
		assertLangChain4jStreamFails();
	}

	@Test
	void langChain4jsOpenAiClientSeesAnErrorWhenTheModelStallsMidStream() throws Exception {
		provider.failAlways(Fault.stallAfter(3));
		assertLangChain4jStreamFails();
	}

	@Test
	void aStreamThatFailsMidStreamSendsItsTokensAndAnErrorEventInACompleteBody() throws Exception {
		// What a client reads off the wire: the tokens, an error event (no finish reason,
		// no [DONE]), then the body's last chunk. A body that broke off instead (the
		// connection closed before the last chunk) made the JDK HTTP client, and so
		// LangChain4j's OpenAI client, drop the bytes it had received but not yet read.
		provider.failAlways(Fault.errorMidStream(3));
		String body = "{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Count\"}]}";
		try (Socket socket = new Socket("127.0.0.1", app.port())) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(
					("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
							+ TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
							+ "\r\n\r\n" + body)
						.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			boolean reset = false;
			try {
				for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
					received.write(buffer, 0, read);
				}
			}
			catch (SocketException ex) {
				reset = true;
			}
			String wire = received.toString(StandardCharsets.UTF_8);
			assertThat(reset).as("the connection was reset after: %s", wire).isFalse();
			assertThat(wire).startsWith("HTTP/1.1 200")
				.contains("Transfer-Encoding: chunked")
				.contains("\"content\":\"one \"", "\"content\":\"two \"", "\"content\":\"three \"")
				.contains("event: error\ndata: {\"error\":{")
				.doesNotContain("[DONE]")
				.doesNotContain("\"finish_reason\":\"")
				.endsWith("\r\n0\r\n\r\n");
		}
	}

	@Test
	void aClientThatLeavesAStreamIsLoggedWithoutAStackTrace(CapturedOutput output) throws Exception {
		provider.failAlways(Fault.slowStream(Duration.ZERO, Duration.ofMillis(500)));
		HttpRequest request = streamRequest("Count");
		int logged = output.getAll().length();
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			do {
				line = lines.readLine();
			}
			while (line != null && !line.contains("\"one \""));
			assertThat(line).isNotNull();
		}
		// the agent notices at its next write (a token or a keep-alive, at most 1 s
		// later), then closes the provider's exchange
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(provider.inFlight()).as("the provider's exchange is closed").isZero());
		String log = output.getAll().substring(logged);
		assertThat(log).doesNotContain("\tat ").doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	@Test
	void eachTokenReachesTheClientWhileTheModelIsStillAnswering() throws Exception {
		// The model sends its first token, then holds its answer: the agent must pass
		// that token on at once, not when a buffer fills or the answer ends.
		provider.failAlways(Fault.stallAfter(1));
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(streamRequest("Count"), HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			do {
				line = lines.readLine();
			}
			while (line != null && !line.contains("\"content\":\"one \""));
			assertThat(line).as("the first token").isNotNull();
			assertThat(provider.inFlight()).as("the model is still holding its answer").isEqualTo(1);
		}
	}

	private static HttpRequest streamRequest(String message) {
		return HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"" + message + "\"}]}"))
			.build();
	}

	private void assertLangChain4jStreamFails() throws Exception {
		OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
			.baseUrl(app.baseUrl() + "/v1")
			.apiKey(TOKEN)
			.modelName("project51-agent")
			.build();
		StreamCollector stream = new StreamCollector();
		model.chat("Count to ten", stream);
		assertThat(stream.error().get(20, TimeUnit.SECONDS)).isNotNull();
		// LangChain4j may report the error before its last partial responses reach the
		// handler (they are delivered in order, not necessarily before onError returns).
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(stream.text()).isEqualTo("one two three "));
		// LangChain4j's OpenAI client may report the partial text as complete after the
		// error (see provider-fakes/README.md); it never carries a finish reason then.
		assertThat(stream.completions()).allSatisfy((response) -> assertThat(response.finishReason()).isNull());
	}

}
