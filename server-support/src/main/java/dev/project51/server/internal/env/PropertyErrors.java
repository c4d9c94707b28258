package dev.project51.server.internal.env;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.validation.Errors;

/**
 * The errors of a starter's properties, in the one style of both starters: each names the
 * property as an application writes it ({@code project51.agent.failover.max-attempts}),
 * says what it must be and what it was, a duration as it is written ({@code 10s},
 * {@code 300ms}), and, where it helps, what to do. Fields are given as {@link Errors}
 * paths ({@code failover.maxAttempts}, {@code models[0].baseUrl}), so each error is one
 * of its field and Spring Boot's report adds where the value came from.
 */
public final class PropertyErrors {

	private final String prefix;

	private final Errors errors;

	/**
	 * Collects the errors of one starter's properties.
	 * @param prefix the starter's prefix, e.g. {@code project51.agent}
	 * @param errors where the errors go
	 */
	public PropertyErrors(String prefix, Errors errors) {
		this.prefix = prefix;
		this.errors = errors;
	}

	/**
	 * The property of a field, as an application writes it.
	 * @param field a field path, e.g. {@code models[0].baseUrl}
	 * @return e.g. {@code project51.agent.models[0].base-url}
	 */
	public String name(String field) {
		StringBuilder name = new StringBuilder(this.prefix.length() + field.length() + 8).append(this.prefix)
			.append('.');
		for (char c : field.toCharArray()) {
			if (Character.isUpperCase(c)) {
				name.append('-').append(Character.toLowerCase(c));
			}
			else {
				name.append(c);
			}
		}
		return name.toString();
	}

	/**
	 * Rejects a field: its property's name, then what is wrong with it.
	 * @param field the field path
	 * @param code the error code
	 * @param problem what follows the property's name, e.g. {@code must be one line, but
	 * contains a line break. Separate directives with ';'.}
	 */
	public void reject(String field, String code, String problem) {
		this.errors.rejectValue(field, code, name(field) + " " + problem);
	}

	/**
	 * Rejects a value as a global error, which Spring Boot reports without the value: for
	 * secrets and URLs with credentials.
	 * @param code the error code
	 * @param message the whole message, naming the property
	 */
	public void rejectWithoutValue(String code, String message) {
		this.errors.reject(code, message);
	}

	/**
	 * Rejects a field with "must be {@code expected}, but was {@code value}."
	 * @param field the field path
	 * @param expected what it must be, e.g. {@code at least 1}
	 * @param value the value it has
	 * @param hint what to do, or {@code null}
	 */
	public void mustBe(String field, String expected, Object value, String hint) {
		reject(field, "invalid",
				"must be " + expected + ", but was " + text(value) + "." + ((hint != null) ? " " + hint : ""));
	}

	/**
	 * Requires text.
	 * @param field the field path
	 * @param value the value
	 * @param hint what to set it to
	 */
	public void notBlank(String field, String value, String hint) {
		if (value == null || value.isBlank()) {
			reject(field, "required", "must not be blank, but was '" + value + "'. " + hint);
		}
	}

	/**
	 * Requires a duration longer than zero.
	 * @param field the field path
	 * @param value the value
	 */
	public void positive(String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			mustBe(field, "a positive duration", value, "Use a value such as 10s or 2m.");
		}
	}

	/**
	 * Requires a duration of zero or more.
	 * @param field the field path
	 * @param value the value
	 * @param hint what zero means, e.g. {@code Use 0 to check on every request.}
	 */
	public void notNegative(String field, Duration value, String hint) {
		if (value == null || value.isNegative()) {
			mustBe(field, "zero or a positive duration", value, hint);
		}
	}

	/**
	 * Requires a number of at least {@code minimum}.
	 * @param field the field path
	 * @param value the value
	 * @param minimum the smallest value allowed
	 * @param hint what to do, or {@code null}
	 */
	public void atLeast(String field, long value, long minimum, String hint) {
		if (value < minimum) {
			mustBe(field, "at least " + minimum, value, hint);
		}
	}

	/**
	 * Requires a number within bounds, both included.
	 * @param field the field path
	 * @param value the value
	 * @param minimum the smallest value allowed
	 * @param maximum the largest value allowed
	 * @param hint what to do, or {@code null}
	 */
	public void between(String field, double value, double minimum, double maximum, String hint) {
		if (!(value >= minimum && value <= maximum)) {
			mustBe(field, "between " + text(minimum) + " and " + text(maximum), value, hint);
		}
	}

	/**
	 * Runs a check of one value, such as a setter of a builder that checks each value as
	 * it is set; a refusal becomes the error of the field, with the check's message,
	 * which starts with its parameter's name (the field's last part), in the property's
	 * name.
	 * @param field the field path, e.g. {@code failover.circuitBreaker.slidingWindowSize}
	 * @param check the check
	 */
	public void check(String field, Runnable check) {
		String problem = refusal(field, check);
		if (problem != null) {
			reject(field, "invalid", problem);
		}
	}

	/**
	 * Runs a check of a value that must not be shown, such as a secret; a refusal becomes
	 * a global error, which Spring Boot reports without the value, with the check's
	 * message in the property's name.
	 * @param field the field path, e.g. {@code apiToken}
	 * @param check the check
	 */
	public void checkWithoutValue(String field, Runnable check) {
		String problem = refusal(field, check);
		if (problem != null) {
			rejectWithoutValue(field, name(field) + " " + problem);
		}
	}

	private static String refusal(String field, Runnable check) {
		try {
			check.run();
			return null;
		}
		catch (IllegalArgumentException ex) {
			String parameter = field.substring(field.lastIndexOf('.') + 1);
			String message = String.valueOf(ex.getMessage());
			if (message.startsWith(parameter + " ")) {
				message = message.substring(parameter.length() + 1);
			}
			return message + ".";
		}
	}

	/**
	 * Builds an object whose builder checks the values together when it builds; a refusal
	 * becomes a global error with the builder's message, each of the parameters in it
	 * replaced by its property's name.
	 * @param group the field path of the parameters' group, e.g. {@code agent.retry}
	 * @param parameters the builder's parameters, named as the group's fields
	 * @param build builds the object
	 */
	public void build(String group, List<String> parameters, Supplier<?> build) {
		try {
			build.get();
		}
		catch (IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			for (String parameter : parameters) {
				message = message.replace(parameter, name(group + "." + parameter));
			}
			this.errors.reject(group, message + ".");
		}
	}

	/**
	 * A value as an application writes it: a duration as {@code 10s}, {@code 300ms} or
	 * {@code 6m}, a number without a trailing {@code .0}.
	 * @param value the value
	 * @return its text
	 */
	public static String text(Object value) {
		if (value instanceof Duration duration) {
			long millis = duration.toMillis();
			if (millis % 60_000 == 0 && millis >= 60_000) {
				return (millis / 60_000) + "m";
			}
			return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
		}
		if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
			return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
		}
		return String.valueOf(value);
	}

}
