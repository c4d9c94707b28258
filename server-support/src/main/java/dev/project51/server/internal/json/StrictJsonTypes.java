package dev.project51.server.internal.json;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.project51.agent.contract.ProblemDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads the request bodies of given types without Jackson's scalar coercions: a number or
 * a boolean where a text is expected ({@code "message": 42}) is refused instead of being
 * turned into {@code "42"}, so a client's mistake is a 400 that names the field
 * ({@link #fieldError(Throwable)}) rather than an answer to a message nobody wrote. Other
 * types keep the application's mapper.
 *
 * @since 0.1.0
 */
public class StrictJsonTypes implements WebMvcConfigurer {

	private final List<Class<?>> types;

	/**
	 * Creates the configurer.
	 * @param types the request body types read strictly
	 */
	public StrictJsonTypes(List<Class<?>> types) {
		this.types = List.copyOf(types);
	}

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		for (HttpMessageConverter<?> converter : converters) {
			if (converter instanceof JacksonJsonHttpMessageConverter jackson) {
				JsonMapper strict = strict(jackson.getMapper());
				for (Class<?> type : this.types) {
					jackson.registerMappersForType(type, (mappers) -> {
						mappers.put(MediaType.APPLICATION_JSON, strict);
						mappers.put(new MediaType("application", "*+json"), strict);
					});
				}
			}
		}
	}

	/**
	 * A copy of a mapper that refuses numbers and booleans for text.
	 * @param mapper the mapper
	 * @return the strict copy
	 */
	public static JsonMapper strict(JsonMapper mapper) {
		return mapper.rebuild()
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

	/**
	 * The field whose JSON value had the wrong type, when that is why a body could not be
	 * read.
	 * @param failure the failure, or one wrapping it
	 * @return the field and what it must be, e.g. {@code message} and {@code must be a
	 * string}
	 */
	public static Optional<ProblemDetail.FieldError> fieldError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
				return Optional.of(new ProblemDetail.FieldError(path(mismatch.getPath()),
						"must be " + expected(mismatch.getTargetType())));
			}
		}
		return Optional.empty();
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
			return "a number";
		}
		if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "an object";
		}
		return "of another type";
	}

}
