package dev.project51.agent.server.chat.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
		new Thread(() -> {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			first.release();
		}).start();
		ConversationLocks.Lease second = this.locks.acquire("c", Duration.ofSeconds(5));
		assertThat(second).isNotNull();
		second.release();
	}

}
