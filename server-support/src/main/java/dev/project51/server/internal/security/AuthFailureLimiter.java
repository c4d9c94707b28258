package dev.project51.server.internal.security;

import java.time.Duration;

/**
 * Failed authentications per client address: each address may fail {@code perMinute}
 * times a minute ({@link KeyedRateLimiter}); once it has used them up, every request of
 * that address that needs the token is refused with 429 until its minute is over, whether
 * its token is right or not, so guessing the token goes no faster than the limit.
 *
 * @since 0.1.0
 */
public final class AuthFailureLimiter {

	private final KeyedRateLimiter failures;

	/**
	 * Creates a limiter.
	 * @param perMinute the failed authentications per client address and minute, at least
	 * 1
	 */
	public AuthFailureLimiter(int perMinute) {
		if (perMinute < 1) {
			throw new IllegalArgumentException("perMinute must be >= 1, but was " + perMinute);
		}
		this.failures = new KeyedRateLimiter("project51-auth-failures", perMinute, Duration.ofMinutes(1));
	}

	/**
	 * How long an address must wait before its token is checked again.
	 * @param address the client address
	 * @return {@link Duration#ZERO} when it may try, else the wait
	 */
	public Duration blockedFor(String address) {
		return this.failures.waitFor(address);
	}

	/**
	 * Counts a failed authentication of an address.
	 * @param address the client address
	 * @return {@link Duration#ZERO} while the address had failures left before this one,
	 * else how long it must now wait (it has used up its budget)
	 */
	public Duration recordFailure(String address) {
		return this.failures.tryAcquire(address);
	}

}
