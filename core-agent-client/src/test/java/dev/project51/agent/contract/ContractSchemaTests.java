package dev.project51.agent.contract;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.project51.agent.client.internal.JsonCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records of this package against the OpenAPI document that is the contract: every
 * record's JSON (as the client writes it) validates against its component schema and has
 * no property the schema lacks, and example documents of the contract validate and read
 * back into the records.
 */
class ContractSchemaTests {

	private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

	private static final Set<String> CHECKED = new HashSet<>();

	private static JsonNode openApi;

	private static JsonNode schemas;

	private static SchemaRegistry registry;

	private final JsonCodec json = new JsonCodec();

	private final YAMLMapper yaml = new YAMLMapper();

	@BeforeAll
	static void loadTheOpenApiDocument() throws IOException {
		try (InputStream in = ContractSchemaTests.class.getClassLoader()
			.getResourceAsStream(AgentApi.OPENAPI_RESOURCE)) {
			assertThat(in).as(AgentApi.OPENAPI_RESOURCE + " on the classpath").isNotNull();
			openApi = new YAMLMapper().readTree(in);
		}
		schemas = openApi.path("components").path("schemas");
		registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder
			.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
	}

	@AfterAll
	static void everyComponentSchemaIsChecked() {
		Set<String> all = new TreeSet<>(schemas.propertyNames());
		assertThat(CHECKED).as("component schemas covered by this test").containsAll(all);
	}

	/** The component schema as a standalone 2020-12 schema (refs rewritten to $defs). */
	private static Schema schema(String name) {
		assertThat(schemas.has(name)).as("component schema " + name).isTrue();
		CHECKED.add(name);
		String defs = schemas.toString().replace("#/components/schemas/", "#/$defs/");
		ObjectNode root = (ObjectNode) new YAMLMapper().readTree("{}");
		root.put("$schema", DIALECT);
		root.set("$defs", new YAMLMapper().readTree(defs));
		root.put("$ref", "#/$defs/" + name);
		return registry.getSchema(root);
	}

	private List<Error> validate(String schemaName, JsonNode document) {
		return schema(schemaName).validate(document);
	}

	/**
	 * Serializes with the client's own mapper, validates, and checks for extra
	 * properties.
	 */
	private JsonNode assertValidRecord(String schemaName, Object record) {
		JsonNode document = this.yaml.readTree(new String(this.json.write(record)));
		assertThat(validate(schemaName, document)).as(schemaName + " " + document).isEmpty();
		assertOnlyDeclaredProperties(schemaName, document);
		return document;
	}

	private void assertOnlyDeclaredProperties(String schemaName, JsonNode document) {
		JsonNode declared = schemas.path(schemaName).path("properties");
		if (document.isObject() && !declared.isMissingNode()) {
			assertThat(document.propertyNames()).as("properties of " + schemaName + " on the wire")
				.allSatisfy((name) -> assertThat(declared.has(name)).as(name + " declared in " + schemaName).isTrue());
		}
	}

	private JsonNode document(String json) {
		return this.yaml.readTree(json);
	}

	@Test
	void chatRequestsValidate() {
		assertThat(assertValidRecord("ChatRequest", ChatRequest.of("Hello")).has("conversationId")).isFalse();
		assertValidRecord("ChatRequest", ChatRequest.of("c-3f9a2b", "Hello again"));
		assertThat(validate("ChatRequest", document("{\"conversationId\":null,\"message\":\"hi\"}"))).isEmpty();
		assertThat(validate("ChatRequest", document("{\"message\":\"hi\",\"newerField\":1}")))
			.as("unknown fields are ignored, so newer clients can talk to older servers")
			.isEmpty();
	}

	@Test
	void invalidChatRequestsAreRejectedBySchema() {
		assertThat(validate("ChatRequest", document("{\"message\":\"\"}"))).isNotEmpty();
		assertThat(validate("ChatRequest", document("{\"conversationId\":\"../x\",\"message\":\"hi\"}"))).isNotEmpty();
		assertThat(validate("ChatRequest", document("{\"message\":\"" + "x".repeat(4001) + "\"}"))).isNotEmpty();
	}

	@Test
	void repliesAndCitationsValidate() {
		Citation citation = new Citation("knowledge/rolling-back.md", "Rolling back", "Run deploy.sh --rollback");
		assertValidRecord("Citation", citation);
		assertValidRecord("Citation", new Citation("knowledge/a.md", "A", null));
		assertValidRecord("ChatReply", new ChatReply("c-1", "Run it.", "local", true, List.of(citation), 42));
		assertValidRecord("ChatReply", new ChatReply("c-1", "Run it.", "local", false, null, 0));
	}

	@Test
	void streamEventsValidate() {
		assertValidRecord("MetaEvent", new StreamEvent.Meta("c-1", "gpt-4o-mini", false));
		assertValidRecord("TokenEvent", new StreamEvent.Token("Hel"));
		assertValidRecord("DoneEvent", new StreamEvent.Done("Hello", "local", true, List.of(), 7));
		assertValidRecord("ErrorEvent", new StreamEvent.Error(ProblemDetail.of(ProblemType.MODELS_UNAVAILABLE,
				"Every model of the chain failed; try again in a minute", "/api/v1/chat/stream")));
	}

	@Test
	void problemDetailsOfEveryKindValidate() {
		for (ProblemType type : ProblemType.values()) {
			assertValidRecord("ProblemDetail",
					ProblemDetail.of(type, "what went wrong and how to fix it", "/api/v1/chat"));
		}
		assertValidRecord("ProblemDetail",
				ProblemDetail.of(ProblemType.RATE_LIMITED, "slow down", null).withRetryAfterSeconds(30));
		JsonNode invalid = assertValidRecord("ProblemDetail",
				ProblemDetail.of(ProblemType.INVALID_REQUEST, "1 invalid field", null)
					.withErrors(List.of(new ProblemDetail.FieldError("message", "must not be blank"))));
		assertThat(invalid.path("errors").get(0).path("field").asString()).isEqualTo("message");
		assertThat(validate("ProblemDetail",
				document("{\"type\":\"not a uri\",\"title\":\"t\",\"status\":400," + "\"detail\":\"d\"}")))
			.as("format: uri is asserted")
			.isNotEmpty();
	}

	@Test
	void problemTypeSlugsAreTheOnesTheContractLists() {
		String description = schemas.path("ProblemDetail")
			.path("properties")
			.path("type")
			.path("description")
			.asString();
		for (ProblemType type : ProblemType.values()) {
			String slug = type.uri().substring(ProblemType.URI_PREFIX.length());
			assertThat(description).as("slug of " + type).contains(slug);
			assertThat(ProblemType.fromUri(type.uri())).isSameAs(type);
		}
		assertThat(ProblemType.fromUri("https://example.com/other")).isNull();
	}

	@Test
	void conversationsValidate() {
		Instant at = Instant.parse("2026-01-01T10:00:00Z");
		ConversationMessage user = new ConversationMessage(Role.USER, "How do I roll back?", null, false, null, at);
		ConversationMessage assistant = new ConversationMessage(Role.ASSISTANT, "Run deploy.sh --rollback.", "local",
				true, List.of(new Citation("knowledge/rolling-back.md", "Rolling back", null)), at.plusSeconds(1));
		JsonNode userJson = assertValidRecord("ConversationMessage", user);
		assertThat(userJson.path("role").asString()).isEqualTo("user");
		assertThat(userJson.path("at").asString()).isEqualTo("2026-01-01T10:00:00Z");
		assertValidRecord("ConversationMessage", assistant);
		assertValidRecord("Conversation", new Conversation("c-1", List.of(user, assistant)));
		JsonNode page = assertValidRecord("Conversation",
				new Conversation("c-1", List.of(user, assistant), "How do I roll back?", "41"));
		assertThat(page.path("earlier").asString()).isEqualTo("41");
		assertValidRecord("Role", Role.ASSISTANT);
	}

	@Test
	void messageIdsRatingsAndFeedbackValidate() {
		Instant at = Instant.parse("2026-01-01T10:00:00Z");
		ConversationMessage rated = new ConversationMessage(Role.ASSISTANT, "Run it.", "local", false, null, at)
			.withId("17", MessageFeedback.DOWN);
		JsonNode json = assertValidRecord("ConversationMessage", rated);
		assertThat(json.path("id").asString()).isEqualTo("17");
		assertThat(json.path("feedback").asString()).isEqualTo("down");
		JsonNode unrated = assertValidRecord("ConversationMessage", rated.withId("17", null));
		assertThat(unrated.has("feedback")).isFalse();
		assertThat(validate("ConversationMessage", document(json.toString().replace("\"down\"", "\"none\""))))
			.as("a stored rating is up or down")
			.isNotEmpty();
		for (String rating : MessageFeedback.RATINGS) {
			assertValidRecord("MessageFeedback", new MessageFeedback(rating));
		}
		assertThat(validate("MessageFeedback", document("{\"rating\":\"sideways\"}"))).isNotEmpty();
		assertThat(validate("MessageFeedback", document("{}"))).isNotEmpty();
		JsonNode reply = assertValidRecord("ChatReply", new ChatReply("c-1", "Run it.", "local", false, null, 3, "17"));
		assertThat(reply.path("messageId").asString()).isEqualTo("17");
		assertThat(assertValidRecord("ChatReply", new ChatReply("c-1", "Run it.", "local", false, null, 3))
			.has("messageId")).isFalse();
		assertThat(assertValidRecord("DoneEvent", new StreamEvent.Done("Hi", "local", false, List.of(), 7, "18"))
			.path("messageId")
			.asString()).isEqualTo("18");
		assertThat(AgentApi.feedbackPath("c-1", "17")).isEqualTo("/api/v1/conversations/c-1/messages/17/feedback");
		assertThat(AgentApi.isValidMessageId("../17")).isFalse();
		assertThat(AgentApi.isValidMessageId("..")).as("a path segment of its own").isFalse();
		assertThat(validate("MessageId", document("\"17\""))).isEmpty();
		assertThat(validate("MessageId", document("\"../17\""))).isNotEmpty();
		assertThat(validate("MessageId", document("\"..\""))).isNotEmpty();
	}

	@Test
	void conversationListsRenamesAndCursorsValidate() {
		Instant at = Instant.parse("2026-01-01T10:00:00Z");
		ConversationSummary summary = new ConversationSummary("c-1", "How do I roll back?", at, at.plusSeconds(60));
		assertValidRecord("ConversationSummary", summary);
		JsonNode last = assertValidRecord("ConversationList", new ConversationList(List.of(summary), null));
		assertThat(last.has("next")).isFalse();
		assertValidRecord("ConversationList", new ConversationList(List.of(summary), "1767261600000.c-1"));
		assertValidRecord("ConversationRename", new ConversationRename("Rollbacks"));
		assertThat(validate("ConversationRename", document("{\"title\":\"\"}"))).isNotEmpty();
		assertValidRecord("Cursor", "1767261600000.c-1");
		assertThat(validate("Cursor", document("\"../x\""))).isNotEmpty();
		for (String cursor : List.of("41", "1767261600000.c-1_x")) {
			assertThat(AgentApi.isValidCursor(cursor)).as(cursor).isTrue();
		}
		assertThat(AgentApi.isValidCursor("a b")).isFalse();
		assertThat(AgentApi.isValidEndUser("s-3f9a:b+c/d=")).isTrue();
		assertThat(AgentApi.isValidEndUser("a b")).isFalse();
	}

	@Test
	void modelStatusesAndHealthValidate() {
		for (CircuitState state : CircuitState.values()) {
			assertValidRecord("ModelStatus", new ModelStatus("gpt-4o-mini", "openai", state, "HTTP 503", 10, 2));
		}
		assertValidRecord("ModelStatus", new ModelStatus("local", "local", CircuitState.CLOSED, null, 0, 0));
		assertThat(assertValidRecord("Health", new Health("UP")).propertyNames()).containsExactly("status");
		assertThat(validate("Health", document("{\"status\":\"SLEEPY\"}"))).isNotEmpty();
	}

	@Test
	void conversationIdSchemaMatchesTheJavaPattern() {
		for (String id : List.of("c-3f9a2b", "a", "A_b-9", "x".repeat(64))) {
			assertThat(validate("ConversationId", document("\"" + id + "\""))).as(id).isEmpty();
			assertThat(AgentApi.isValidConversationId(id)).as(id).isTrue();
		}
		for (String id : List.of("", "-a", "_a", "a/b", "a b", "x".repeat(65), "é")) {
			assertThat(validate("ConversationId", document("\"" + id + "\""))).as(id).isNotEmpty();
			assertThat(AgentApi.isValidConversationId(id)).as(id).isFalse();
		}
		for (JsonNode example : schemas.path("ConversationId").path("examples")) {
			assertThat(AgentApi.isValidConversationId(example.asString())).isTrue();
		}
	}

	@Test
	void exampleDocumentsValidateAndReadIntoTheRecords() {
		String reply = "{\"conversationId\":\"c-3f9a2b\",\"reply\":\"Run `deploy.sh --rollback`.\",\"model\":\"local\","
				+ "\"degraded\":true,\"citations\":[{\"source\":\"knowledge/rolling-back.md\",\"title\":\"Rolling back\","
				+ "\"excerpt\":\"deploy.sh waits for the rollout\"}],\"latencyMs\":118}";
		assertThat(validate("ChatReply", document(reply))).isEmpty();
		ChatReply chatReply = this.json.read(reply, ChatReply.class);
		assertThat(chatReply.degraded()).isTrue();
		assertThat(chatReply.citations().get(0).excerpt()).isEqualTo("deploy.sh waits for the rollout");

		String conversation = "{\"conversationId\":\"c-3f9a2b\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\","
				+ "\"degraded\":false,\"citations\":[],\"at\":\"2026-01-01T10:00:00Z\"},{\"role\":\"assistant\",\"text\":\"hello\",\"model\":\"local\","
				+ "\"degraded\":false,\"citations\":[],\"at\":\"2026-01-01T10:00:01.250Z\"}]}";
		assertThat(validate("Conversation", document(conversation))).isEmpty();
		assertThat(validate("Conversation", document(conversation.replace("\"degraded\":false,", ""))))
			.as("degraded is required on every message: a consumer with a default mapper needs it")
			.isNotEmpty();
		Conversation read = this.json.read(conversation, Conversation.class);
		assertThat(read.messages().get(0).role()).isEqualTo(Role.USER);
		assertThat(read.messages().get(0).citations()).isEmpty();
		assertThat(read.messages().get(1).at()).isEqualTo(Instant.parse("2026-01-01T10:00:01.250Z"));

		String models = "[{\"name\":\"gpt-4o-mini\",\"provider\":\"openai\",\"state\":\"HALF_OPEN\",\"lastError\":"
				+ "\"HTTP 429\",\"calls\":12,\"failures\":5},{\"name\":\"local\",\"provider\":\"local\",\"state\":"
				+ "\"CLOSED\",\"calls\":4,\"failures\":0}]";
		for (JsonNode model : document(models)) {
			assertThat(validate("ModelStatus", model)).isEmpty();
		}
		assertThat(this.json.readModels(models.getBytes())).extracting(ModelStatus::state)
			.containsExactly(CircuitState.HALF_OPEN, CircuitState.CLOSED);

		String problem = "{\"type\":\"https://project51.dev/problems/rate-limited\",\"title\":\"Too many requests\","
				+ "\"status\":429,\"detail\":\"Wait 30 s\",\"instance\":\"/api/v1/chat\",\"retryAfterSeconds\":30}";
		assertThat(validate("ProblemDetail", document(problem))).isEmpty();
		ProblemDetail detail = this.json.read(problem, ProblemDetail.class);
		assertThat(ProblemType.fromUri(detail.type())).isEqualTo(ProblemType.RATE_LIMITED);
		assertThat(detail.retryAfterSeconds()).isEqualTo(30L);
		assertThat(detail.errors()).isEmpty();

		String done = "{\"reply\":\"Hello\",\"model\":\"local\",\"degraded\":false,\"citations\":[],\"latencyMs\":3}";
		assertThat(validate("DoneEvent", document(done))).isEmpty();
		assertThat(this.json.read(done, StreamEvent.Done.class).reply()).isEqualTo("Hello");

		String health = "{\"status\":\"OUT_OF_SERVICE\",\"components\":{\"models\":{\"status\":\"DOWN\"}}}";
		assertThat(validate("Health", document(health))).isEmpty();
		assertThat(this.json.read(health, Health.class).isUp()).isFalse();
	}

	@Test
	void everyPathConstantIsInTheDocument() {
		Set<String> paths = openApi.path("paths").propertyNames().stream().collect(Collectors.toSet());
		assertThat(paths).contains(AgentApi.CHAT_PATH, AgentApi.CHAT_STREAM_PATH, AgentApi.MODELS_PATH,
				AgentApi.LIVENESS_PATH, AgentApi.READINESS_PATH, AgentApi.CONVERSATIONS_PATH + "{conversationId}",
				AgentApi.CONVERSATION_LIST_PATH);
	}

}
