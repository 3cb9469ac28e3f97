package io.fleetstream.local.simulator;

import java.util.random.RandomGenerator;

import io.fleetstream.common.gps.GpsFixJson;

/**
 * What the simulator sends for each fix that is due: the fix as the car's device encodes
 * it or, at the configured rate, a broken record instead. Broken records cycle through
 * {@link BadFix} in order, one kind per rejection reason of ingest-service, so every
 * reason shows up on the dead-letter topic and in the rejection metrics, each once per
 * cycle. Not thread-safe: one simulator thread owns it.
 */
final class SimulatedRecords {

	private static final BadFix[] CYCLE = BadFix.values();

	private final double badRecordRate;

	private final RandomGenerator random;

	private long badRecords;

	/**
	 * @param badRecordRate the share of fixes replaced by a broken record, in [0, 1]
	 */
	SimulatedRecords(double badRecordRate, RandomGenerator random) {
		this.badRecordRate = badRecordRate;
		this.random = random;
	}

	SimulatedRecord next(GpsSample car, long nowMs) {
		if (this.random.nextDouble() < this.badRecordRate) {
			BadFix kind = CYCLE[(int) (this.badRecords++ % CYCLE.length)];
			return kind.record(car, nowMs);
		}
		return fix(car);
	}

	/** The car's fix as its device sends it, heading in whole degrees. */
	static SimulatedRecord fix(GpsSample car) {
		double heading = Math.round(car.headingDeg()) % 360;
		return new SimulatedRecord(car.carId(),
				GpsFixJson.encode(car.lat(), car.lng(), car.ts(), car.speedKmh(), heading));
	}

}
