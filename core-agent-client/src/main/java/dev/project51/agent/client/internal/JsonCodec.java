package dev.project51.agent.client.internal;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.project51.agent.contract.ModelStatus;

/**
 * JSON mapping of the contract records, as a tolerant reader: unknown properties are
 * ignored (forward compatibility) and absent optional booleans read as {@code false}.
 * Thread-safe.
 */
public final class JsonCodec {

	private static final TypeReference<List<ModelStatus>> MODEL_LIST = new TypeReference<>() {
	};

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	/**
	 * Serializes a value.
	 * @param value the value
	 * @return its JSON, UTF-8
	 * @throws JacksonException if the value cannot be written
	 */
	public byte[] write(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	/**
	 * Reads a value.
	 * @param <T> the type
	 * @param json the JSON, UTF-8
	 * @param type the type
	 * @return the value, never {@code null}
	 * @throws JacksonException if the JSON is malformed or does not fit the type
	 */
	public <T> T read(byte[] json, Class<T> type) {
		return requireValue(this.mapper.readValue(json, type), type.getSimpleName());
	}

	/**
	 * Reads a value.
	 * @param <T> the type
	 * @param json the JSON
	 * @param type the type
	 * @return the value, never {@code null}
	 * @throws JacksonException if the JSON is malformed or does not fit the type
	 */
	public <T> T read(String json, Class<T> type) {
		return requireValue(this.mapper.readValue(json, type), type.getSimpleName());
	}

	/**
	 * Reads a JSON array of model statuses.
	 * @param json the JSON
	 * @return the list, never {@code null}
	 * @throws JacksonException if the JSON is malformed or not such an array
	 */
	public List<ModelStatus> readModels(byte[] json) {
		return List.copyOf(requireValue(this.mapper.readValue(json, MODEL_LIST), "List<ModelStatus>"));
	}

	private static <T> T requireValue(T value, String type) {
		if (value == null) {
			throw new NullJsonException("Expected a JSON " + type + " but the document is null");
		}
		return value;
	}

	/**
	 * A JSON document was the literal {@code null} where a value is required.
	 */
	public static final class NullJsonException extends RuntimeException {

		NullJsonException(String message) {
			super(message);
		}

	}

}
