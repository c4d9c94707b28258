package dev.project51.server.internal.env;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PropertyErrors}: the one style of both starters' property errors.
 */
class PropertyErrorsTests {

	private final Settings settings = new Settings();

	private final Errors errors = new BeanPropertyBindingResult(this.settings, "project51.demo");

	private final PropertyErrors problems = new PropertyErrors("project51.demo", this.errors);

	@Test
	void namesAFieldAsAnApplicationWritesItsProperty() {
		assertThat(this.problems.name("failover.maxAttempts")).isEqualTo("project51.demo.failover.max-attempts");
		assertThat(this.problems.name("models[0].baseUrl")).isEqualTo("project51.demo.models[0].base-url");
		assertThat(this.problems.name("timeout")).isEqualTo("project51.demo.timeout");
	}

	@Test
	void writesValuesAsAnApplicationWritesThem() {
		assertThat(PropertyErrors.text(Duration.ofMinutes(6))).isEqualTo("6m");
		assertThat(PropertyErrors.text(Duration.ofSeconds(90))).isEqualTo("90s");
		assertThat(PropertyErrors.text(Duration.ofMillis(9500))).isEqualTo("9500ms");
		assertThat(PropertyErrors.text(Duration.ofSeconds(-1))).isEqualTo("-1s");
		assertThat(PropertyErrors.text(1.0)).isEqualTo("1");
		assertThat(PropertyErrors.text(100_000.0)).isEqualTo("100000");
		assertThat(PropertyErrors.text(0.62f)).isEqualTo("0.62");
		assertThat(PropertyErrors.text(Double.NaN)).isEqualTo("NaN");
		assertThat(PropertyErrors.text(null)).isEqualTo("null");
	}

	@Test
	void aRuleThatHoldsRejectsNothing() {
		this.problems.positive("timeout", Duration.ofSeconds(1));
		this.problems.notNegative("timeout", Duration.ZERO, null);
		this.problems.atLeast("count", 1, 1, null);
		this.problems.between("score", 1, 0, 1, null);
		this.problems.notBlank("name", "x", "Set it.");
		assertThat(this.errors.hasErrors()).isFalse();
	}

	@Test
	void eachRuleRejectsItsFieldNamingThePropertyTheRuleAndTheValue() {
		this.problems.positive("timeout", Duration.ZERO);
		this.problems.notNegative("delay", Duration.ofMillis(-5), "Use 0 for none.");
		this.problems.atLeast("count", 0, 1, null);
		this.problems.between("score", Double.NaN, 0, 1, null);
		this.problems.notBlank("name", " ", "Set it to a name.");
		assertThat(messages()).containsExactly(
				"timeout: project51.demo.timeout must be a positive duration, but was 0s. Use a value such as 10s or 2m.",
				"delay: project51.demo.delay must be zero or a positive duration, but was -5ms. Use 0 for none.",
				"count: project51.demo.count must be at least 1, but was 0.",
				"score: project51.demo.score must be between 0 and 1, but was NaN.",
				"name: project51.demo.name must not be blank, but was ' '. Set it to a name.");
	}

	@Test
	void aCheckThatRefusesItsValueBecomesTheErrorOfItsFieldInThePropertysName() {
		this.problems.check("nested.maxAttempts", () -> {
			throw new IllegalArgumentException("maxAttempts must be >= 1, but was 0");
		});
		this.problems.check("count", () -> {
		});
		assertThat(messages())
			.containsExactly("nested.maxAttempts: project51.demo.nested.max-attempts must be >= 1, " + "but was 0.");
	}

	@Test
	void aBuilderThatRefusesItsValuesTogetherBecomesAGlobalErrorNamingEachProperty() {
		this.problems.build("nested", List.of("minimumCalls", "windowSize"), () -> {
			throw new IllegalArgumentException("minimumCalls (20) must not exceed windowSize (10)");
		});
		assertThat(messages()).containsExactly(
				"project51.demo.nested.minimum-calls (20) must not exceed project51.demo.nested.window-size (10).");
	}

	@Test
	void aSecretIsRejectedWithoutItsValue() {
		this.problems.checkWithoutValue("nested.apiToken", () -> {
			throw new IllegalArgumentException("apiToken must be one line");
		});
		this.problems.rejectWithoutValue("token", "project51.demo.token must not be blank.");
		assertThat(this.errors.getFieldErrors()).isEmpty();
		assertThat(messages()).containsExactly("project51.demo.nested.api-token must be one line.",
				"project51.demo.token must not be blank.");
	}

	private List<String> messages() {
		List<String> messages = new ArrayList<>();
		for (ObjectError error : this.errors.getAllErrors()) {
			String field = (error instanceof FieldError fieldError) ? fieldError.getField() + ": " : "";
			messages.add(field + error.getDefaultMessage());
		}
		return messages;
	}

	/** A target with the fields the tests reject. */
	public static class Settings {

		private final Nested nested = new Nested();

		public Duration getTimeout() {
			return null;
		}

		public Duration getDelay() {
			return null;
		}

		public int getCount() {
			return 0;
		}

		public double getScore() {
			return 0;
		}

		public String getName() {
			return null;
		}

		public Nested getNested() {
			return this.nested;
		}

	}

	/** A nested group. */
	public static class Nested {

		public int getMaxAttempts() {
			return 0;
		}

	}

}
