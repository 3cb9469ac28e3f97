package io.fleetstream.ingest.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Fails fast while the position store is known to be unavailable, so that an outage costs
 * each request microseconds instead of a thread held for the Redis timeout (300 waiting
 * requests would exhaust Tomcat's threads, and even the OpenAPI document, which needs no
 * Redis, would wait for one).
 * <p>
 * A request that finds Redis unavailable ({@link StoreFailures#isUnavailable}) has it
 * checked in the background: one cheap read of every shard
 * ({@link FleetQueries#summary}). While that check fails, the gate is closed: requests
 * are refused with {@link PositionStoreUnavailableException} without touching Redis, and
 * the check is repeated every {@code probeInterval}; the first check that succeeds opens
 * it again. A single slow request that the check then finds healthy closes nothing.
 */
final class StoreAvailabilityGate implements FleetQueries, AutoCloseable {

	private static final Log logger = LogFactory.getLog(StoreAvailabilityGate.class);

	private static final Duration PROBE_WINDOW = Duration.ofMinutes(5);

	enum State {

		/** Requests go to Redis. */
		AVAILABLE,

		/**
		 * A request found Redis unavailable; requests still go to Redis while it is
		 * checked.
		 */
		CHECKING,

		/** The check failed: requests are refused at once until a check succeeds. */
		UNAVAILABLE

	}

	private final FleetQueries delegate;

	private final Duration probeInterval;

	private final Duration retryAfter;

	private final ScheduledExecutorService prober;

	private final AtomicReference<State> state = new AtomicReference<>(State.AVAILABLE);

	StoreAvailabilityGate(FleetQueries delegate, Duration probeInterval) {
		this.delegate = delegate;
		this.probeInterval = probeInterval;
		this.retryAfter = Duration.ofSeconds(Math.max(1, (probeInterval.toMillis() + 999) / 1000));
		this.prober = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "position-store-probe");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public Optional<VehiclePosition> vehicle(String carId) {
		return call(() -> this.delegate.vehicle(carId));
	}

	@Override
	public List<VehiclePosition> search(SearchArea area, int limit) {
		return call(() -> this.delegate.search(area, limit));
	}

	@Override
	public Optional<List<TrackPoint>> track(String carId, Instant since, int limit) {
		return call(() -> this.delegate.track(carId, since, limit));
	}

	@Override
	public FleetSummary summary(Duration reportingWindow) {
		return call(() -> this.delegate.summary(reportingWindow));
	}

	State state() {
		return this.state.get();
	}

	private <T> T call(Supplier<T> query) {
		if (this.state.get() == State.UNAVAILABLE) {
			throw new PositionStoreUnavailableException(this.retryAfter);
		}
		try {
			return query.get();
		}
		catch (RuntimeException ex) {
			if (StoreFailures.isUnavailable(ex) && this.state.compareAndSet(State.AVAILABLE, State.CHECKING)) {
				schedule(Duration.ZERO);
			}
			throw ex;
		}
	}

	private void probe() {
		try {
			this.delegate.summary(PROBE_WINDOW);
			if (this.state.getAndSet(State.AVAILABLE) == State.UNAVAILABLE) {
				logger.info("The position store (Redis) answers again; the API serves from it again");
			}
		}
		catch (RuntimeException ex) {
			if (!StoreFailures.isUnavailable(ex)) {
				// Redis answered (with an error reply): it is there
				this.state.set(State.AVAILABLE);
				return;
			}
			if (this.state.getAndSet(State.UNAVAILABLE) != State.UNAVAILABLE) {
				logger.warn("The position store (Redis) is unavailable (" + ex + "); the API answers 503 at once "
						+ "and checks again every " + this.probeInterval.toMillis() + " ms");
			}
			schedule(this.probeInterval);
		}
	}

	private void schedule(Duration delay) {
		try {
			this.prober.schedule(this::probe, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed: the application is stopping
		}
	}

	@Override
	public void close() {
		this.prober.shutdownNow();
	}

}
