package dev.project51.agent.client.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypesTests {

	@Test
	void recognizesJsonTypes() {
		assertThat(MediaTypes.isJson("application/json")).isTrue();
		assertThat(MediaTypes.isJson("Application/JSON; charset=UTF-8")).isTrue();
		assertThat(MediaTypes.isJson("application/problem+json")).isTrue();
		assertThat(MediaTypes.isJson("application/vnd.spring-boot.actuator.v3+json")).isTrue();
		assertThat(MediaTypes.isJson("text/json+html")).isFalse();
		assertThat(MediaTypes.isJson("text/html")).isFalse();
		assertThat(MediaTypes.isJson(null)).isFalse();
	}

	@Test
	void recognizesProblemsAndEventStreams() {
		assertThat(MediaTypes.isProblemJson("application/problem+json;charset=utf-8")).isTrue();
		assertThat(MediaTypes.isProblemJson("application/json")).isFalse();
		assertThat(MediaTypes.isEventStream("text/event-stream;charset=UTF-8")).isTrue();
		assertThat(MediaTypes.isEventStream("text/plain")).isFalse();
	}

}
