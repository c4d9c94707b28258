package dev.project51.agent.server.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.ToolExecution;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.server.chat.AgentAssistant;
import dev.project51.agent.server.failover.FailoverTurn;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.knowledge.KnowledgeBase;
import dev.project51.agent.server.knowledge.internal.KnowledgeCitations;
import dev.project51.agent.server.knowledge.internal.KnowledgeContentInjector;
import dev.project51.agent.server.knowledge.KnowledgeContentRetriever;
import dev.project51.agent.server.testsupport.StreamCollector;
import dev.project51.agent.server.tools.BuiltInTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline local model running the agent's whole AI service (failover chain, memory,
 * retrieval, tool loop) over the bundled knowledge base, without any network.
 */
class LocalAgentTests {

	static final String XSS_PAYLOAD = "<script>alert('owned')</script><img src=x onerror=alert(1)>";

	private static LocalChatModel localModel;

	private static ModelChain chain;

	private static AgentAssistant assistant;

	private static final DeploymentTools deploymentTools = new DeploymentTools();

	/**
	 * How often each text went through the embedding model, after the knowledge base was
	 * built.
	 */
	private static final Map<String, Integer> embedded = new ConcurrentHashMap<>();

	@BeforeAll
	static void buildTheAgent() {
		EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
		EmbeddingModel counted = new EmbeddingModel() {

			@Override
			public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
				segments.forEach((segment) -> embedded.merge(segment.text(), 1, Integer::sum));
				return model.embedAll(segments);
			}

		};
		KnowledgeBase knowledgeBase = KnowledgeBase.builder(counted)
			.resources(new PathMatchingResourcePatternResolver(), "classpath*:knowledge/**/*.md")
			.markdown("knowledge/test/untrusted.md",
					"# Untrusted markup\n\n## Banana dessert recipe\n\n" + "The banana split dessert recipe is "
							+ XSS_PAYLOAD + " served cold.\n")
			.build();
		KnowledgeContentRetriever retriever = new KnowledgeContentRetriever(knowledgeBase, 3, 0.62);
		localModel = LocalChatModel.builder(knowledgeBase, retriever).build();
		chain = ModelChain.builder().inProcessModel("local", "local", localModel, localModel).build();
		assistant = AiServices.builder(AgentAssistant.class)
			.chatModel(chain.chatModel())
			.streamingChatModel(chain.streamingChatModel())
			.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(20))
			.retrievalAugmentor(DefaultRetrievalAugmentor.builder()
				.contentRetriever(retriever)
				.contentInjector(new KnowledgeContentInjector())
				.build())
			.tools(new BuiltInTools(java.time.Clock.systemUTC(), chain), deploymentTools)
			.build();
	}

	@AfterAll
	static void stop() {
		chain.close();
		localModel.close();
	}

	private static Result<String> ask(String question) {
		try (FailoverTurn turn = FailoverTurn.begin()) {
			Result<String> result = assistant.chat("c-" + question.hashCode(), question);
			assertThat(turn.model()).contains("local");
			assertThat(turn.degraded()).isFalse();
			return result;
		}
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			What is Project51? | knowledge/project51.md
			Which self-healing layers does Project51 have? | knowledge/self-healing.md
			How do I roll back a release? | knowledge/rolling-back.md
			How do I deploy with deploy.sh? | knowledge/deploying.md
			What does deploy.sh wait for? | knowledge/deploying.md
			Where are conversations stored? | knowledge/conversation-memory.md
			How do I run the agent on Render? | knowledge/render.md
			How do I create the kind cluster? | knowledge/kind.md
			Why do I get HTTP 401 Unauthorized? | knowledge/troubleshooting.md
			What does the degraded flag mean? | knowledge/model-failover.md
			What happens when OpenAI fails? | knowledge/model-failover.md
			How does the circuit breaker of a model work? | knowledge/model-failover.md
			How is the EC2 host recovered when its hardware fails? | knowledge/host-recovery.md
			How many replicas does the frontend run? | knowledge/kubernetes-pods.md
			What does the client do when the agent hangs? | knowledge/client-resilience.md
			How do I add an Ollama model? | knowledge/configuration.md
			How do I check the health of the agent by hand? | knowledge/health-checks.md
			""")
	void answersFromTheKnowledgeBaseWithACitation(String question, String source) {
		Result<String> result = ask(question);
		List<Citation> citations = KnowledgeCitations.of(result.sources());
		assertThat(citations).as("citations").isNotEmpty();
		assertThat(citations.get(0).source()).isEqualTo(source);
		assertThat(result.content()).contains("Source: `" + source + "`");
		assertThat(result.content()).contains(citations.get(0).excerpt().replace(" …", "").substring(0, 40));
	}

	@Test
	void saysPlainlyWhenItDoesNotKnowAndListsWhatItCanAnswer() {
		Result<String> result = ask("What is the capital of France?");
		assertThat(result.content()).startsWith("I don't know");
		assertThat(result.content()).contains("knowledge/rolling-back.md").contains("currentTime");
		assertThat(result.sources()).isEmpty();
	}

	@Test
	void greetsAndListsItsTopics() {
		Result<String> result = ask("Hello!");
		assertThat(result.content()).startsWith("Hello!").contains("knowledge/deploying.md");
	}

	@Test
	void keepsKnowledgeExcerptsVerbatimIncludingMarkup() {
		Result<String> result = ask("What is the banana split dessert recipe?");
		assertThat(result.content()).contains(XSS_PAYLOAD);
		assertThat(KnowledgeCitations.of(result.sources()).get(0).source()).isEqualTo("knowledge/test/untrusted.md");
	}

	@Test
	void runsTheToolLoopForTheCurrentTime() {
		Result<String> result = ask("What time is it?");
		assertThat(result.toolExecutions()).extracting((execution) -> execution.request().name())
			.containsExactly("currentTime");
		assertThat(result.content()).startsWith("The `currentTime` tool returned:")
			.contains(result.toolExecutions().get(0).result());
	}

	@Test
	void runsTheToolLoopForTheSystemStatus() {
		Result<String> result = ask("What is the system status?");
		assertThat(result.toolExecutions()).extracting((execution) -> execution.request().name())
			.containsExactly("systemStatus");
		assertThat(result.content()).contains("local (local): circuit CLOSED");
	}

	@Test
	void fillsAQuotedArgumentOfAnApplicationTool() {
		Result<String> result = ask("What is the deployment status of `web-frontend`?");
		List<ToolExecution> executions = result.toolExecutions();
		assertThat(executions).hasSize(1);
		assertThat(executions.get(0).request().name()).isEqualTo("deploymentStatus");
		assertThat(deploymentTools.names).contains("web-frontend");
		assertThat(result.content()).contains("web-frontend is healthy");
	}

	@Test
	void passesAQuotedArgumentToTheToolAsWrittenBackslashesAndControlsIncluded() {
		String name = "web\\front\tend\u0001";
		ask("What is the deployment status of `" + name + "`?");
		assertThat(deploymentTools.names).contains(name);
	}

	@Test
	void doesNotCallAToolWhoseArgumentsItCannotFill() {
		Result<String> result = ask("What is the deployment status?");
		assertThat(result.toolExecutions()).extracting((execution) -> execution.request().name())
			.doesNotContain("deploymentStatus");
	}

	@Test
	void treatsTemplateBracesInMessagesAsText() {
		Result<String> result = ask("Tell me about {{secret}} and {{it}}");
		assertThat(result.content()).isNotBlank();
	}

	@Test
	void streamsTheAnswerTokenByToken() throws Exception {
		List<String> tokens = new CopyOnWriteArrayList<>();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		TokenStream stream = assistant.stream("c-stream", "How do I roll back a release?");
		stream.onPartialResponse(tokens::add).onCompleteResponse(done::complete).onError(done::completeExceptionally);
		try (FailoverTurn turn = FailoverTurn.begin()) {
			stream.start();
		}
		ChatResponse response = done.get(10, TimeUnit.SECONDS);
		assertThat(tokens).hasSizeGreaterThan(10);
		assertThat(String.join("", tokens)).isEqualTo(response.aiMessage().text());
		assertThat(response.aiMessage().text()).contains("kubectl rollout undo");
		assertThat(response.modelName()).isEqualTo("local");
	}

	@Test
	void aStreamedTurnEmbedsItsQuestionOnce() throws Exception {
		// The retrieval augmentor searches the knowledge base for the question, then the
		// local model searches it again to compose its answer: one embedding serves both.
		String question = "How do I roll back a release with kubectl?";
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		TokenStream stream = assistant.stream("c-embed-once", question);
		stream.onPartialResponse((token) -> {
		}).onCompleteResponse(done::complete).onError(done::completeExceptionally);
		stream.start();
		ChatResponse response = done.get(10, TimeUnit.SECONDS);
		assertThat(response.aiMessage().text()).contains("kubectl rollout undo");
		assertThat(embedded).containsEntry(question, 1);
	}

	@Test
	void streamsAToolLoopAnswer() throws Exception {
		List<String> tokens = new CopyOnWriteArrayList<>();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		TokenStream stream = assistant.stream("c-stream-tool", "What is the system status?");
		stream.onPartialResponse(tokens::add).onCompleteResponse(done::complete).onError(done::completeExceptionally);
		stream.start();
		ChatResponse response = done.get(10, TimeUnit.SECONDS);
		assertThat(String.join("", tokens)).isEqualTo(response.aiMessage().text())
			.startsWith("The `systemStatus` tool returned:");
	}

	@Test
	void theInputCountIsTheWordsOfEveryMessageAsTheOpenAiApiCountsThem() {
		ChatRequest request = ChatRequest.builder()
			.messages(SystemMessage.from("Be brief."), UserMessage.from("Hello world"),
					AiMessage.from("Hi! How can I help?"), UserMessage.from("What is kind? "))
			.build();
		assertThat(LocalChatModel.inputTokens(request)).isEqualTo(2 + 2 + 5 + 3);
	}

	@Test
	void streamingHonoursTheTokenDelay() throws Exception {
		KnowledgeBase empty = KnowledgeBase.builder(new AllMiniLmL6V2QuantizedEmbeddingModel()).build();
		try (LocalChatModel slow = LocalChatModel.builder(empty, new KnowledgeContentRetriever(empty, 1, 0.5))
			.tokenDelay(Duration.ofMillis(20))
			.build()) {
			StreamCollector stream = new StreamCollector();
			slow.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
				.messages(dev.langchain4j.data.message.UserMessage.from("anything"))
				.build(), stream);
			ChatResponse response = stream.done().get(10, TimeUnit.SECONDS);
			List<Long> arrivals = stream.arrivals();
			assertThat(response.aiMessage().text()).startsWith("I don't know").contains("My knowledge base is empty.");
			assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0)))
				.isGreaterThanOrEqualTo(Duration.ofMillis(20L * (arrivals.size() - 1) / 2));
		}
	}

	/**
	 * An application tool with an argument.
	 */
	static final class DeploymentTools {

		final List<String> names = new CopyOnWriteArrayList<>();

		@Tool("Returns the deployment status of a deployment, by its name")
		String deploymentStatus(@P("the deployment name") String name) {
			this.names.add(name);
			return name + " is healthy: 2/2 replicas ready";
		}

	}

}
