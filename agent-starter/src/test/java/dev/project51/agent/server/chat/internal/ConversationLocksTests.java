package dev.project51.agent.server.chat.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConversationLocksTests {

	private final ConversationLocks locks = new ConversationLocks();

	@Test
	void oneTurnPerConversationAndReleasedFromAnyThread() throws Exception {
		ConversationLocks.Lease first = this.locks.acquire("c1", Duration.ZERO);
		assertThat(first).isNotNull();
		assertThat(this.locks.acquire("c1", Duration.ofMillis(50))).isNull();
		ConversationLocks.Lease other = this.locks.acquire("c2", Duration.ZERO);
		assertThat(other).isNotNull();
		Thread releaser = new Thread(first::release);
		releaser.start();
		releaser.join();
		first.release();
		ConversationLocks.Lease again = this.locks.acquire("c1", Duration.ofMillis(50));
		assertThat(again).isNotNull();
		again.release();
		other.release();
		assertThat(this.locks.size()).as("no entries left behind").isZero();
	}

	@Test
	void waitingTurnGetsThePermitWhenThePreviousEnds() throws Exception {
		ConversationLocks.Lease first = this.locks.acquire("c", Duration.ZERO);
		CompletableFuture<ConversationLocks.Lease> second = CompletableFuture.supplyAsync(() -> {
			try {
				return this.locks.acquire("c", Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
		first.release();
		ConversationLocks.Lease lease = second.get(10, TimeUnit.SECONDS);
		assertThat(lease).as("the waiting turn got the permit").isNotNull();
		lease.release();
	}

}
