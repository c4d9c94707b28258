package dev.project51.agent.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.project51.agent.client.internal.Sleeper;
import dev.project51.testsupport.time.MutableClock;

/**
 * A {@link Sleeper} that does not sleep: it records the delays and moves the clock.
 */
final class RecordingSleeper implements Sleeper {

	final List<Duration> delays = new CopyOnWriteArrayList<>();

	private final MutableClock clock;

	RecordingSleeper(MutableClock clock) {
		this.clock = clock;
	}

	@Override
	public boolean sleep(Duration duration, CountDownLatch wakeUp) {
		this.delays.add(duration);
		this.clock.advance(duration);
		return wakeUp.getCount() > 0;
	}

}
