package dev.project51.agent.server.local;

import java.util.Map;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local model's answers in JSON mode. Without a schema the answer is
 * {@code {"answer": "<text>"}}; with a schema it is an instance of the schema: every
 * property present, the first string of the document holding the answer, other strings
 * empty, numbers 0, booleans false, arrays empty, an enum its first value, a union its
 * first alternative. That is valid for the schemas LangChain4j can express (no lengths,
 * patterns or ranges).
 */
final class LocalJson {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private LocalJson() {
	}

	static boolean isJson(ResponseFormat format) {
		return format != null && format.type() == ResponseFormatType.JSON;
	}

	static String wrap(String answer, ResponseFormat format) {
		JsonNode value;
		if (format.jsonSchema() == null || format.jsonSchema().rootElement() == null) {
			ObjectNode object = NODES.objectNode();
			object.put("answer", answer);
			value = object;
		}
		else {
			JsonSchemaElement root = format.jsonSchema().rootElement();
			Map<String, JsonSchemaElement> definitions = (root instanceof JsonObjectSchema object
					&& object.definitions() != null) ? object.definitions() : Map.of();
			value = new Filler(answer, definitions).value(root, 0);
		}
		return JsonMapper.shared().writeValueAsString(value);
	}

	private static final class Filler {

		private static final int MAX_DEPTH = 16;

		private final String answer;

		private final Map<String, JsonSchemaElement> definitions;

		private boolean answered;

		Filler(String answer, Map<String, JsonSchemaElement> definitions) {
			this.answer = answer;
			this.definitions = definitions;
		}

		JsonNode value(JsonSchemaElement schema, int depth) {
			if (depth > MAX_DEPTH) {
				return NODES.nullNode();
			}
			if (schema instanceof JsonObjectSchema object) {
				ObjectNode node = NODES.objectNode();
				if (object.properties() != null) {
					object.properties().forEach((name, property) -> node.set(name, value(property, depth + 1)));
				}
				return node;
			}
			if (schema instanceof JsonStringSchema) {
				if (this.answered) {
					return NODES.stringNode("");
				}
				this.answered = true;
				return NODES.stringNode(this.answer);
			}
			if (schema instanceof JsonEnumSchema enumeration) {
				return NODES.stringNode(enumeration.enumValues().isEmpty() ? "" : enumeration.enumValues().get(0));
			}
			if (schema instanceof JsonIntegerSchema || schema instanceof JsonNumberSchema) {
				return NODES.numberNode(0);
			}
			if (schema instanceof JsonBooleanSchema) {
				return NODES.booleanNode(false);
			}
			if (schema instanceof JsonArraySchema) {
				ArrayNode array = NODES.arrayNode();
				return array;
			}
			if (schema instanceof JsonAnyOfSchema anyOf && !anyOf.anyOf().isEmpty()) {
				return value(anyOf.anyOf().get(0), depth + 1);
			}
			if (schema instanceof JsonReferenceSchema reference) {
				JsonSchemaElement target = this.definitions.get(reference.reference());
				return (target != null) ? value(target, depth + 1) : NODES.nullNode();
			}
			if (schema instanceof JsonNullSchema) {
				return NODES.nullNode();
			}
			return NODES.stringNode(this.answer);
		}

	}

}
