package dev.project51.agent.client.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retry attempts; replaceable so that tests control time.
 */
@FunctionalInterface
public interface Sleeper {

	/** Really waits, or less if woken. */
	Sleeper SYSTEM = (duration, wakeUp) -> !wakeUp.await(duration.toNanos(), TimeUnit.NANOSECONDS);

	/**
	 * Waits for the given duration, or until {@code wakeUp} reaches zero.
	 * @param duration how long to wait
	 * @param wakeUp ends the wait early (cancellation, client closed)
	 * @return {@code true} if the whole duration elapsed, {@code false} if woken early
	 * @throws InterruptedException if the thread was interrupted
	 */
	boolean sleep(Duration duration, CountDownLatch wakeUp) throws InterruptedException;

}
