package io.fleetstream.ingest.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The gate's decisions against a store that is switched down and up: a failure that the
 * background check confirms closes it (requests refused without reaching the store), one
 * it does not confirm closes nothing, an error reply is no outage, and the first good
 * check opens it again.
 */
class StoreAvailabilityGateTests {

	private final SwitchableStore store = new SwitchableStore();

	private final StoreAvailabilityGate gate = new StoreAvailabilityGate(this.store, Duration.ofMillis(20));

	@AfterEach
	void close() {
		this.gate.close();
	}

	@Test
	void confirmedOutageRefusesRequestsWithoutAskingTheStoreUntilItIsBack() {
		this.store.down.set(true);
		assertThatExceptionOfType(RedisCommandTimeoutException.class).isThrownBy(() -> this.gate.vehicle("car-1"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.gate.state() == StoreAvailabilityGate.State.UNAVAILABLE);
		int callsBefore = this.store.requests.get();

		for (int i = 0; i < 100; i++) {
			assertThatExceptionOfType(PositionStoreUnavailableException.class)
				.isThrownBy(() -> this.gate.search(new SearchArea.Circle(37.5, 127, 100), 10))
				.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
		}
		assertThat(this.store.requests.get()).as("requests that reached the store while refused")
			.isEqualTo(callsBefore);

		this.store.down.set(false);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.gate.state() == StoreAvailabilityGate.State.AVAILABLE);
		assertThat(this.gate.vehicle("car-1")).isEmpty();
	}

	@Test
	void oneSlowRequestThatTheCheckFindsHealthyClosesNothing() {
		this.store.failNext.set(true);
		assertThatExceptionOfType(RedisCommandTimeoutException.class).isThrownBy(() -> this.gate.vehicle("car-1"));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.probes.get() >= 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.gate.state() == StoreAvailabilityGate.State.AVAILABLE);
		assertThat(this.gate.vehicle("car-1")).isEmpty();
	}

	@Test
	void errorReplyIsNoOutage() {
		this.store.errorReply.set(true);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(RedisCommandExecutionException.class)
				.isThrownBy(() -> this.gate.vehicle("car-1"));
		}
		assertThat(this.gate.state()).isEqualTo(StoreAvailabilityGate.State.AVAILABLE);
		assertThat(this.store.probes.get()).isZero();
	}

	/** A store that answers empty, or fails like Redis does when it is down. */
	private static final class SwitchableStore implements FleetQueries {

		final AtomicBoolean down = new AtomicBoolean();

		final AtomicBoolean failNext = new AtomicBoolean();

		final AtomicBoolean errorReply = new AtomicBoolean();

		final AtomicInteger requests = new AtomicInteger();

		final AtomicInteger probes = new AtomicInteger();

		@Override
		public Optional<VehiclePosition> vehicle(String carId) {
			answer();
			return Optional.empty();
		}

		@Override
		public List<VehiclePosition> search(SearchArea area, int limit) {
			answer();
			return List.of();
		}

		@Override
		public Optional<List<TrackPoint>> track(String carId, Instant since, int limit) {
			answer();
			return Optional.empty();
		}

		@Override
		public FleetSummary summary(Duration reportingWindow) {
			// the gate's background check: counted apart from the requests it refuses
			this.probes.incrementAndGet();
			check();
			return new FleetSummary(0, 0, reportingWindow, Instant.now());
		}

		private void answer() {
			this.requests.incrementAndGet();
			check();
		}

		private void check() {
			if (this.errorReply.get()) {
				throw new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind");
			}
			if (this.down.get() || this.failNext.getAndSet(false)) {
				throw new RedisCommandTimeoutException("No answer from Redis within 1000 ms");
			}
		}

	}

}
