package dev.project51.testsupport.providers;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that becomes true asynchronously, within a generous limit.
 */
final class Await {

	private Await() {
	}

	static void until(String what, BooleanSupplier condition) {
		until(what, condition, () -> "");
	}

	static void until(String what, BooleanSupplier condition, Supplier<String> state) {
		long deadline = System.nanoTime() + Clients.GENEROUS.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not true within " + Clients.GENEROUS + ": " + what + " " + state.get());
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	static Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

}
