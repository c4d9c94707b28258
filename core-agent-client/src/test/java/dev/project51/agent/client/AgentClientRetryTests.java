package dev.project51.agent.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which calls are retried, how often and how long the client waits in between; with a
 * fake transport and a sleeper that only records.
 */
class AgentClientRetryTests extends FakeTransportClientTests {

	@Test
	void retriesServerErrorsOfIdempotentCallThenSucceeds() {
		this.transport.problem(500, "internal", "Internal error", "boom")
			.respond(502, "text/html", "<html>bad gateway</html>")
			.respondJson(Json.MODELS);
		assertThat(client().models()).hasSize(2);
		assertThat(this.transport.count()).isEqualTo(3);
		assertThat(this.sleeper.delays).hasSize(2);
		// 200 ms then 400 ms, each randomized by +-50 %.
		assertThat(this.sleeper.delays.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
		assertThat(this.sleeper.delays.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
	}

	@Test
	void givesUpAfterMaxAttemptsWithTheLastFailure() {
		this.transport.problem(500, "internal", "Internal error", "first")
			.problem(500, "internal", "Internal error", "second")
			.problem(504, "timeout", "Answer timed out", "third");
		assertThatExceptionOfType(AgentTimeoutException.class).isThrownBy(() -> client().models())
			.withMessageContaining("third")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(504));
		assertThat(this.transport.count()).isEqualTo(3);
	}

	@Test
	void delaysGrowExponentiallyUpToMaxBackoffWithoutJitter() {
		for (int i = 0; i < 5; i++) {
			this.transport.problem(503, "models-unavailable", "No model available", "down");
		}
		RetryPolicy policy = RetryPolicy.builder()
			.maxAttempts(5)
			.jitter(0)
			.initialBackoff(Duration.ofMillis(100))
			.multiplier(3)
			.maxBackoff(Duration.ofMillis(1000))
			.build();
		assertThatExceptionOfType(AgentUnavailableException.class)
			.isThrownBy(() -> client((builder) -> builder.retryPolicy(policy)).conversation("c-1"));
		assertThat(this.sleeper.delays).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300),
				Duration.ofMillis(900), Duration.ofMillis(1000));
	}

	@Test
	void disabledPolicyMakesOneAttempt() {
		this.transport.problem(500, "internal", "Internal error", "boom");
		assertThatExceptionOfType(AgentServerException.class)
			.isThrownBy(() -> client((builder) -> builder.retryPolicy(RetryPolicy.disabled())).models());
		assertThat(this.transport.count()).isOne();
		assertThat(this.sleeper.delays).isEmpty();
	}

	@Test
	void doesNotRetryChatAfterServerError() {
		this.transport.problem(500, "internal", "Internal error", "boom");
		assertThatExceptionOfType(AgentServerException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.satisfies((ex) -> assertThat(ex.isRetriable()).isTrue());
		assertThat(this.transport.count()).isOne();
	}

	@Test
	void doesNotRetryChatWhenTheConnectionBrokeAfterSending() {
		this.transport.fail(new IOException("Connection reset"));
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.withMessageContaining("Connection reset")
			.satisfies((ex) -> assertThat(ex.isRequestNotSent()).isFalse());
		assertThat(this.transport.count()).isOne();
	}

	@Test
	void retriesChatWhenTheConnectionWasRefused() {
		this.transport.fail(new ConnectException("Connection refused")).respondJson(Json.REPLY);
		ChatReply reply = client().chat(ChatRequest.of("hi"));
		assertThat(reply.reply()).isEqualTo("Roll back with deploy.sh --rollback.");
		assertThat(this.transport.count()).isEqualTo(2);
	}

	@Test
	void retriesChatAfterConnectTimeout() {
		this.transport.fail(new HttpConnectTimeoutException("HTTP connect timed out")).respondJson(Json.REPLY);
		assertThat(client().chat(ChatRequest.of("hi")).model()).isEqualTo("local");
		assertThat(this.transport.count()).isEqualTo(2);
	}

	@Test
	void connectionRefusedOnEveryAttemptYieldsUnavailableMarkedNotSent() {
		for (int i = 0; i < 3; i++) {
			this.transport.fail(new ConnectException("Connection refused"));
		}
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.withMessageContaining("cannot connect to http://agent.test")
			.satisfies((ex) -> assertThat(ex.isRequestNotSent()).isTrue());
		assertThat(this.transport.count()).isEqualTo(3);
	}

	@Test
	void retriesChatAfter429HonouringRetryAfterSeconds() {
		this.transport.problem(429, "rate-limited", "Too many requests", "slow down", "Retry-After", "2")
			.respondJson(Json.REPLY);
		client().chat(ChatRequest.of("hi"));
		assertThat(this.transport.count()).isEqualTo(2);
		assertThat(this.sleeper.delays).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void retriesChatAfter503HonouringRetryAfterHttpDate() {
		String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(this.clock.instant().plusSeconds(3).atZone(ZoneOffset.UTC));
		this.transport
			.problem(503, "models-unavailable", "No model available", "warming up", "Retry-After", inThreeSeconds)
			.respondJson(Json.REPLY);
		client().chat(ChatRequest.of("hi"));
		assertThat(this.transport.count()).isEqualTo(2);
		assertThat(this.sleeper.delays).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void doesNotRetryChatAfter503WithoutRetryAfter() {
		this.transport.problem(503, "models-unavailable", "No model available", "all models failed");
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.withMessageContaining("all models failed")
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEmpty());
		assertThat(this.transport.count()).isOne();
	}

	@Test
	void doesNotRetryChatAfter429WithoutRetryAfterButRetriesIdempotentCalls() {
		this.transport.problem(429, "rate-limited", "Too many requests", "slow down");
		assertThatExceptionOfType(AgentRateLimitedException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.satisfies((ex) -> {
				assertThat(ex.hasRetryAfter()).isFalse();
				assertThat(ex.retryAfter()).isZero();
			});
		assertThat(this.transport.count()).isOne();
		this.transport.problem(429, "rate-limited", "Too many requests", "slow down").respondJson(Json.MODELS);
		assertThat(this.client.models()).hasSize(2);
		assertThat(this.transport.count()).isEqualTo(3);
	}

	@Test
	void givesUpAtOnceWhenRetryAfterIsLongerThanMaxBackoff() {
		this.transport.problem(429, "rate-limited", "Too many requests", "slow down", "Retry-After", "120");
		assertThatExceptionOfType(AgentRateLimitedException.class).isThrownBy(() -> client().models())
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
		assertThat(this.transport.count()).isOne();
		assertThat(this.sleeper.delays).isEmpty();
	}

	@Test
	void takesRetryAfterFromTheProblemWhenTheHeaderIsMissing() {
		this.transport
			.respond(429, "application/problem+json",
					"{\"type\":\"https://project51.dev/problems/rate-limited\",\"title\":\"Too many requests\","
							+ "\"status\":429,\"detail\":\"slow down\",\"retryAfterSeconds\":1}")
			.respondJson(Json.REPLY);
		client().chat(ChatRequest.of("hi"));
		assertThat(this.sleeper.delays).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void doesNotStartARetryThatWouldOutliveTheRequestTimeout() {
		this.transport.problem(503, "models-unavailable", "No model available", "warming up", "Retry-After", "3");
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(() -> client(
				(builder) -> builder.connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2)))
			.chat(ChatRequest.of("hi")));
		assertThat(this.transport.count()).isOne();
		assertThat(this.sleeper.delays).isEmpty();
	}

	@Test
	void neverRetriesClientErrors() {
		this.transport.problem(400, "invalid-request", "Invalid request", "bad")
			.problem(401, "unauthorized", "Unauthorized", "no token")
			.problem(404, "not-found", "Not found", "no such conversation")
			.problem(409, "conversation-busy", "Conversation busy", "busy");
		AgentClient agent = client();
		assertThatExceptionOfType(AgentInvalidRequestException.class).isThrownBy(agent::models);
		assertThatExceptionOfType(AgentUnauthorizedException.class).isThrownBy(agent::models);
		assertThatExceptionOfType(AgentNotFoundException.class).isThrownBy(() -> agent.conversation("c-1"));
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> agent.chat(ChatRequest.of("c-1", "hi")));
		assertThat(this.transport.count()).isEqualTo(4);
		assertThat(this.sleeper.delays).isEmpty();
	}

	@Test
	void neverRetriesProtocolErrors() {
		this.transport.respond(200, "application/json", "{not json");
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> client().models());
		assertThat(this.transport.count()).isOne();
	}

	@Test
	void retriesDeleteAndTreatsNotFoundAsDeleted() {
		this.transport.problem(502, "internal", "Bad gateway", "proxy").problem(404, "not-found", "Not found", "gone");
		client().deleteConversation("c-1");
		assertThat(this.transport.count()).isEqualTo(2);
		assertThat(this.transport.lastRequest().method()).isEqualTo("DELETE");
		assertThat(this.transport.lastRequest().uri()).hasToString("http://agent.test/api/v1/conversations/c-1");
	}

}
