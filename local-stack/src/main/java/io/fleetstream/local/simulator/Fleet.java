package io.fleetstream.local.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The simulated cars and when each reports. Car {@code i} of {@code n} reports at
 * {@code start + i * interval / n + k * interval}, so the fleet's fixes are spread evenly
 * over every interval instead of arriving in one burst, and each car's fixes are exactly
 * one interval apart. Not thread-safe: one simulator thread owns it.
 */
final class Fleet {

	private final CarMotion motion;

	private final long intervalMs;

	private final RandomGenerator random;

	private final CarState[] cars;

	private int next;

	private Fleet(CarMotion motion, long intervalMs, RandomGenerator random, CarState[] cars) {
		this.motion = motion;
		this.intervalMs = intervalMs;
		this.random = random;
		this.cars = cars;
	}

	/**
	 * @param size how many cars, named {@code car-00001} onwards
	 * @param parkedShare the share of cars that stay parked
	 * @param startMs when the first car reports, epoch millis
	 */
	static Fleet create(int size, double parkedShare, long startMs, long intervalMs, CarMotion motion,
			RandomGenerator random) {
		CarState[] cars = new CarState[size];
		for (int i = 0; i < size; i++) {
			long ts = startMs + i * intervalMs / size;
			cars[i] = motion.place(carId(i + 1), ts, random.nextDouble() < parkedShare, random);
		}
		return new Fleet(motion, intervalMs, random, cars);
	}

	static String carId(int number) {
		return String.format("car-%05d", number);
	}

	/** The fixes due at or before {@code nowMs}, in time order; each car moves on. */
	List<CarState> due(long nowMs) {
		List<CarState> due = new ArrayList<>();
		while (this.cars[this.next].ts() <= nowMs) {
			CarState car = this.cars[this.next];
			due.add(car);
			this.cars[this.next] = this.motion.next(car, this.intervalMs, this.random);
			this.next = (this.next + 1) % this.cars.length;
		}
		return due;
	}

	/**
	 * Skips whole intervals the fleet has fallen behind by more than {@code maxLagMs}
	 * (the machine slept or stalled), so it does not send a flood of stale fixes.
	 * @return the time skipped, 0 if none
	 */
	long skipMissedIntervals(long nowMs, long maxLagMs) {
		long lag = nowMs - this.cars[this.next].ts();
		if (lag <= maxLagMs) {
			return 0;
		}
		long skip = (lag / this.intervalMs) * this.intervalMs;
		for (int i = 0; i < this.cars.length; i++) {
			this.cars[i] = this.cars[i].at(this.cars[i].ts() + skip);
		}
		return skip;
	}

	int size() {
		return this.cars.length;
	}

}
