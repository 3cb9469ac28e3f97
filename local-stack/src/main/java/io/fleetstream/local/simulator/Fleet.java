package io.fleetstream.local.simulator;

import java.util.function.IntFunction;

import io.fleetstream.local.simulator.car.SimulatedCar;

/**
 * The simulated cars and when each steps. Car {@code i} of {@code n} steps at
 * {@code start + i * interval / n + k * interval}, so the fleet's reports are spread
 * evenly over every interval instead of arriving in one burst, and each car steps exactly
 * one interval after its last step. Not thread-safe: one simulator thread owns it.
 */
final class Fleet {

	private final SimulatedCar[] cars;

	private final long startMs;

	private final long intervalMs;

	private final long[] lastStepMs;

	private long round;

	private int next;

	private Fleet(SimulatedCar[] cars, long startMs, long intervalMs) {
		this.cars = cars;
		this.startMs = startMs;
		this.intervalMs = intervalMs;
		this.lastStepMs = new long[cars.length];
		for (int i = 0; i < cars.length; i++) {
			this.lastStepMs[i] = stepTimeMs(i, -1);
		}
	}

	/**
	 * @param size how many cars
	 * @param car makes car {@code i} (0-based)
	 * @param startMs when the first car steps, epoch millis
	 */
	static Fleet create(int size, IntFunction<SimulatedCar> car, long startMs, long intervalMs) {
		SimulatedCar[] cars = new SimulatedCar[size];
		for (int i = 0; i < size; i++) {
			cars[i] = car.apply(i);
		}
		return new Fleet(cars, startMs, intervalMs);
	}

	/**
	 * Calls {@code step} for every car step due at or before {@code nowMs}, in time
	 * order.
	 */
	void stepDue(long nowMs, Step step) {
		for (long time = stepTimeMs(this.next, this.round); time <= nowMs; time = stepTimeMs(this.next, this.round)) {
			int i = this.next;
			step.step(this.cars[i], time, time - this.lastStepMs[i]);
			this.lastStepMs[i] = time;
			this.next = (i + 1) % this.cars.length;
			if (this.next == 0) {
				this.round++;
			}
		}
	}

	/**
	 * Skips whole intervals the fleet has fallen behind by more than {@code maxLagMs}
	 * (the machine slept or stalled), so it does not send a flood of stale reports; the
	 * cars' next step covers the time skipped.
	 * @return the time skipped, 0 if none
	 */
	long skipMissedIntervals(long nowMs, long maxLagMs) {
		long lag = nowMs - stepTimeMs(this.next, this.round);
		if (lag <= maxLagMs) {
			return 0;
		}
		long intervals = lag / this.intervalMs;
		this.round += intervals;
		return intervals * this.intervalMs;
	}

	private long stepTimeMs(int car, long round) {
		return this.startMs + car * this.intervalMs / this.cars.length + round * this.intervalMs;
	}

	int size() {
		return this.cars.length;
	}

	SimulatedCar car(int index) {
		return this.cars[index];
	}

	/** One step of one car. */
	@FunctionalInterface
	interface Step {

		void step(SimulatedCar car, long nowMs, long dtMs);

	}

}
