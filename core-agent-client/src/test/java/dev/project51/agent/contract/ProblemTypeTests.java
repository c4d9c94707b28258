package dev.project51.agent.contract;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProblemType}: the kind both servers give an error status nothing more specific
 * explained.
 */
class ProblemTypeTests {

	@ParameterizedTest
	@CsvSource({ "400, INVALID_REQUEST", "401, UNAUTHORIZED", "403, INVALID_REQUEST", "404, NOT_FOUND",
			"405, INVALID_REQUEST", "408, INVALID_REQUEST", "413, PAYLOAD_TOO_LARGE", "415, UNSUPPORTED_MEDIA_TYPE",
			"429, RATE_LIMITED", "431, INVALID_REQUEST", "500, INTERNAL", "503, INTERNAL", "505, INTERNAL" })
	void anErrorStatusHasItsGenericKind(int status, ProblemType kind) {
		assertThat(ProblemType.forStatus(status)).isEqualTo(kind);
	}

	@ParameterizedTest
	@CsvSource({ "UNAUTHORIZED", "NOT_FOUND", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "RATE_LIMITED", "INTERNAL",
			"INVALID_REQUEST" })
	void eachGenericKindIsTheKindOfItsOwnStatus(ProblemType kind) {
		assertThat(ProblemType.forStatus(kind.status())).isEqualTo(kind);
		assertThat(ProblemType.fromUri(kind.uri())).isEqualTo(kind);
	}

}
