package dev.project51.agent.server.openai.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

/**
 * Converts the JSON Schemas of a request (tool parameters, {@code response_format}) to
 * LangChain4j's schema model: {@code type} (also a list with {@code "null"}),
 * {@code description}, {@code properties}, {@code required}, {@code items}, {@code enum}
 * (of strings), {@code anyOf}, {@code $ref} to {@code #/$defs/...} or
 * {@code #/definitions/...}. Other keywords (formats, lengths, patterns, ranges) have no
 * place in LangChain4j's model and are not passed on.
 */
final class JsonSchemas {

	private static final int MAX_DEPTH = 32;

	private JsonSchemas() {
	}

	/**
	 * The schema of an object, such as a tool's parameters.
	 * @param schema the JSON Schema, {@code null} or missing for none
	 * @param param the request parameter it came from, for error messages
	 * @return the object schema, or {@code null} for none
	 */
	static JsonObjectSchema object(JsonNode schema, String param) {
		if (schema == null || schema.isMissingNode() || schema.isNull()) {
			return null;
		}
		JsonSchemaElement element = element(schema, param, 0);
		if (!(element instanceof JsonObjectSchema object)) {
			throw OpenAiException.invalid(param, "invalid_value",
					"Invalid schema for '" + param + "': it must be a JSON Schema of type \"object\".");
		}
		return object;
	}

	static JsonSchemaElement element(JsonNode schema, String param, int depth) {
		if (depth > MAX_DEPTH) {
			throw OpenAiException.invalid(param, "invalid_value",
					"Invalid schema for '" + param + "': it is nested deeper than " + MAX_DEPTH + " levels.");
		}
		if (!schema.isObject()) {
			throw OpenAiException.invalid(param, "invalid_type", "Invalid schema for '" + param
					+ "': every schema must be a JSON object, but one is " + kind(schema) + ".");
		}
		String description = text(schema.get("description"));
		JsonNode ref = schema.get("$ref");
		if (ref != null) {
			String reference = ref.isString() ? ref.asString() : "";
			for (String prefix : List.of("#/$defs/", "#/definitions/")) {
				if (reference.startsWith(prefix) && reference.length() > prefix.length()) {
					return JsonReferenceSchema.builder().reference(reference.substring(prefix.length())).build();
				}
			}
			throw OpenAiException.invalid(param, "invalid_value", "Invalid schema for '" + param
					+ "': \"$ref\" must point to \"#/$defs/<name>\" or \"#/definitions/<name>\".");
		}
		JsonNode anyOf = schema.get("anyOf");
		if (anyOf != null) {
			if (!anyOf.isArray() || anyOf.isEmpty()) {
				throw OpenAiException.invalid(param, "invalid_value",
						"Invalid schema for '" + param + "': \"anyOf\" must be a non-empty array of schemas.");
			}
			List<JsonSchemaElement> alternatives = new ArrayList<>();
			for (JsonNode alternative : anyOf) {
				alternatives.add(element(alternative, param, depth + 1));
			}
			return JsonAnyOfSchema.builder().description(description).anyOf(alternatives).build();
		}
		JsonNode enumeration = schema.get("enum");
		if (enumeration != null) {
			if (!enumeration.isArray() || enumeration.isEmpty()) {
				throw OpenAiException.invalid(param, "invalid_value",
						"Invalid schema for '" + param + "': \"enum\" must be a non-empty array.");
			}
			List<String> values = new ArrayList<>();
			for (JsonNode value : enumeration) {
				if (!value.isString()) {
					throw OpenAiException.invalid(param, "invalid_value", "Invalid schema for '" + param
							+ "': only string \"enum\" values are supported, but one is " + kind(value) + ".");
				}
				values.add(value.asString());
			}
			return JsonEnumSchema.builder().description(description).enumValues(values).build();
		}
		JsonNode type = schema.get("type");
		if (type != null && type.isArray()) {
			List<JsonSchemaElement> alternatives = new ArrayList<>();
			boolean nullable = false;
			for (JsonNode one : type) {
				if (one.isString() && one.asString().equals("null")) {
					nullable = true;
				}
				else {
					alternatives.add(typed(one, schema, description, param, depth));
				}
			}
			if (nullable) {
				alternatives.add(new JsonNullSchema());
			}
			if (alternatives.isEmpty()) {
				throw OpenAiException.invalid(param, "invalid_value",
						"Invalid schema for '" + param + "': \"type\" must not be an empty array.");
			}
			return (alternatives.size() == 1) ? alternatives.get(0)
					: JsonAnyOfSchema.builder().description(description).anyOf(alternatives).build();
		}
		if (type == null) {
			if (schema.has("properties")) {
				return object(schema, description, param, depth);
			}
			if (schema.has("items")) {
				return array(schema, description, param, depth);
			}
			// No type: any value; LangChain4j's model has no "any", a string is the
			// closest it can describe.
			return JsonStringSchema.builder().description(description).build();
		}
		return typed(type, schema, description, param, depth);
	}

	private static JsonSchemaElement typed(JsonNode type, JsonNode schema, String description, String param,
			int depth) {
		String name = type.isString() ? type.asString() : "";
		return switch (name) {
			case "object" -> object(schema, description, param, depth);
			case "array" -> array(schema, description, param, depth);
			case "string" -> JsonStringSchema.builder().description(description).build();
			case "integer" -> JsonIntegerSchema.builder().description(description).build();
			case "number" -> JsonNumberSchema.builder().description(description).build();
			case "boolean" -> JsonBooleanSchema.builder().description(description).build();
			case "null" -> new JsonNullSchema();
			default -> throw OpenAiException.invalid(param, "invalid_value", "Invalid schema for '" + param
					+ "': \"type\" must be one of object, array, string, integer, number, boolean or null, but was "
					+ type + ".");
		};
	}

	private static JsonObjectSchema object(JsonNode schema, String description, String param, int depth) {
		JsonObjectSchema.Builder builder = JsonObjectSchema.builder().description(description);
		JsonNode properties = schema.get("properties");
		if (properties != null && !properties.isNull()) {
			if (!properties.isObject()) {
				throw OpenAiException.invalid(param, "invalid_type",
						"Invalid schema for '" + param + "': \"properties\" must be an object.");
			}
			Map<String, JsonSchemaElement> converted = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : properties.properties()) {
				converted.put(property.getKey(), element(property.getValue(), param, depth + 1));
			}
			builder.addProperties(converted);
		}
		JsonNode required = schema.get("required");
		if (required != null && !required.isNull()) {
			if (!required.isArray()) {
				throw OpenAiException.invalid(param, "invalid_type",
						"Invalid schema for '" + param + "': \"required\" must be an array of property names.");
			}
			List<String> names = new ArrayList<>();
			for (JsonNode name : required) {
				if (!name.isString()) {
					throw OpenAiException.invalid(param, "invalid_type",
							"Invalid schema for '" + param + "': \"required\" must be an array of property names.");
				}
				names.add(name.asString());
			}
			builder.required(names);
		}
		JsonNode additional = schema.get("additionalProperties");
		if (additional != null && additional.isBoolean()) {
			builder.additionalProperties(additional.asBoolean());
		}
		Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
		for (String key : List.of("$defs", "definitions")) {
			JsonNode defs = schema.get(key);
			if (defs != null && defs.isObject()) {
				for (Map.Entry<String, JsonNode> definition : defs.properties()) {
					definitions.put(definition.getKey(), element(definition.getValue(), param, depth + 1));
				}
			}
		}
		if (!definitions.isEmpty()) {
			builder.definitions(definitions);
		}
		return builder.build();
	}

	private static JsonArraySchema array(JsonNode schema, String description, String param, int depth) {
		JsonNode items = schema.get("items");
		JsonArraySchema.Builder builder = JsonArraySchema.builder().description(description);
		if (items != null && !items.isNull()) {
			builder.items(element(items, param, depth + 1));
		}
		return builder.build();
	}

	private static String text(JsonNode node) {
		return (node != null && node.isString()) ? node.asString() : null;
	}

	static String kind(JsonNode node) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			return "null";
		}
		if (node.isString()) {
			return "a string";
		}
		if (node.isBoolean()) {
			return "a boolean";
		}
		if (node.isNumber()) {
			return "a number";
		}
		if (node.isArray()) {
			return "an array";
		}
		return "an object";
	}

}
