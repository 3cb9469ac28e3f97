package io.fleetstream.common.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token buckets on a fake clock: 2 requests per second, burst 4, 3 clients at most.
 */
class ClientRateLimiterTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final ClientRateLimiter limiter = new ClientRateLimiter(
			new FleetSecurityProperties.RateLimit(true, 2, 4, 3), this.nanos::get);

	@Test
	void idleClientMaySendItsBurstThenWaitsForTheNextToken() {
		for (int i = 0; i < 4; i++) {
			assertThat(this.limiter.acquire("a")).as("request %d", i + 1).isZero();
		}
		assertThat(this.limiter.acquire("a")).isEqualTo(Duration.ofMillis(500));
		advance(Duration.ofMillis(200));
		assertThat(this.limiter.acquire("a")).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void bucketsRefillAtTheRateAndNoFurtherThanTheBurst() {
		drain("a", 4);
		advance(Duration.ofSeconds(1));
		assertThat(this.limiter.acquire("a")).isZero();
		assertThat(this.limiter.acquire("a")).isZero();
		assertThat(this.limiter.acquire("a")).isPositive();

		advance(Duration.ofHours(1));
		drain("a", 4);
		assertThat(this.limiter.acquire("a")).as("an hour idle refills 4, not 7200").isPositive();
	}

	@Test
	void refusedRequestsDoNotCostATokenSoASteadyClientIsServedAtTheRate() {
		drain("a", 4);
		int served = 0;
		for (int tick = 0; tick < 100; tick++) {
			advance(Duration.ofMillis(100));
			if (this.limiter.acquire("a").isZero()) {
				served++;
			}
		}
		// 10 s at 2 per second, asked 10 times a second
		assertThat(served).isEqualTo(20);
	}

	@Test
	void eachClientHasItsOwnBucket() {
		drain("a", 4);
		assertThat(this.limiter.acquire("a")).isPositive();
		assertThat(this.limiter.acquire("b")).isZero();
	}

	@Test
	void tableKeepsAtMostMaxClientsForgettingTheLeastRecentlySeen() {
		drain("a", 4);
		drain("b", 4);
		drain("c", 4);
		this.limiter.acquire("a");
		this.limiter.acquire("d");

		assertThat(this.limiter.clients()).isEqualTo(3);
		assertThat(this.limiter.acquire("a")).as("a was seen recently, so kept, still empty").isPositive();
		assertThat(this.limiter.acquire("b")).as("b was the least recently seen: forgotten, full again").isZero();
	}

	private void drain(String client, int tokens) {
		for (int i = 0; i < tokens; i++) {
			assertThat(this.limiter.acquire(client)).isZero();
		}
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
