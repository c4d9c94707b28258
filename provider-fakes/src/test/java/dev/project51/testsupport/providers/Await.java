package dev.project51.testsupport.providers;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for a condition that becomes true asynchronously, within a generous limit
 * (Awaitility).
 */
final class Await {

	private Await() {
	}

	static void until(String what, BooleanSupplier condition) {
		until(what, condition, () -> "");
	}

	static void until(String what, BooleanSupplier condition, Supplier<String> state) {
		try {
			Awaitility.await(what)
				.atMost(Clients.GENEROUS)
				.pollInterval(Duration.ofMillis(10))
				.until(condition::getAsBoolean);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Not true within " + Clients.GENEROUS + ": " + what + " " + state.get(), ex);
		}
	}

	static Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

}
