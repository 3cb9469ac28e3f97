package io.fleetstream.local.simulator;

import java.util.random.RandomGenerator;

/**
 * How a simulated car moves from one fix to the next: the driver picks a new speed now
 * and then (sometimes stopping, as at lights), accelerates and brakes at realistic rates,
 * turns left or right now and then at a bounded turn rate, and heads back into town near
 * the edge of the area. A pure function of the previous state and the random source, so
 * tests drive it without Kafka or a clock.
 */
public final class CarMotion {

	public static final double MAX_SPEED_KMH = 80;

	/** Heading change per second, at most: a city turn takes three seconds or more. */
	public static final double MAX_TURN_DEG_PER_S = 30;

	static final double ACCELERATION_KMH_PER_S = 6;

	static final double BRAKING_KMH_PER_S = 10;

	static final double NEW_SPEED_CHANCE_PER_S = 0.05;

	static final double STOP_SHARE = 0.2;

	static final double TURN_CHANCE_PER_S = 0.03;

	static final double HOMEWARD_SHARE_OF_RADIUS = 0.85;

	private final SimulationArea area;

	public CarMotion(SimulationArea area) {
		this.area = area;
	}

	/** A car at a random place in the area, driving or parked. */
	public CarState place(String carId, long ts, boolean parked, RandomGenerator random) {
		SimulationArea.Point point = this.area.randomPoint(random);
		double heading = random.nextDouble(360);
		double speed = parked ? 0 : random.nextDouble(MAX_SPEED_KMH);
		return new CarState(carId, point.lat(), point.lng(), ts, speed, heading, parked ? 0 : newTargetSpeed(random),
				heading, parked);
	}

	/** The car's next fix, {@code intervalMs} after this one. */
	public CarState next(CarState car, long intervalMs, RandomGenerator random) {
		long ts = car.ts() + intervalMs;
		if (car.parked()) {
			return car.at(ts);
		}
		double seconds = intervalMs / 1000.0;
		double targetSpeed = chance(random, NEW_SPEED_CHANCE_PER_S * seconds) ? newTargetSpeed(random)
				: car.targetSpeedKmh();
		double speed = approach(car.speedKmh(), targetSpeed, ACCELERATION_KMH_PER_S * seconds,
				BRAKING_KMH_PER_S * seconds);
		double averageSpeed = (car.speedKmh() + speed) / 2;
		double targetHeading = nextTargetHeading(car, seconds, random);
		double heading = car.headingDeg();
		if (averageSpeed > 1) {
			double maxTurn = MAX_TURN_DEG_PER_S * seconds;
			double turn = Headings.turn(heading, targetHeading) + random.nextDouble(-1, 1);
			heading = Headings.normalise(heading + Math.max(-maxTurn, Math.min(maxTurn, turn)));
		}
		SimulationArea.Point point = this.area.move(car.lat(), car.lng(), heading, averageSpeed / 3.6 * seconds);
		return new CarState(car.carId(), point.lat(), point.lng(), ts, speed, heading, targetSpeed, targetHeading,
				false);
	}

	private double nextTargetHeading(CarState car, double seconds, RandomGenerator random) {
		if (this.area.distanceFromCentreM(car.lat(), car.lng()) > HOMEWARD_SHARE_OF_RADIUS * this.area.radiusM()) {
			double homeward = this.area.headingToCentreDeg(car.lat(), car.lng());
			boolean headingHome = Math.abs(Headings.turn(car.targetHeadingDeg(), homeward)) <= 60;
			return headingHome ? car.targetHeadingDeg() : Headings.normalise(homeward + random.nextDouble(-45, 45));
		}
		if (chance(random, TURN_CHANCE_PER_S * seconds)) {
			double side = random.nextBoolean() ? 90 : -90;
			return Headings.normalise(car.headingDeg() + side + random.nextDouble(-10, 10));
		}
		return car.targetHeadingDeg();
	}

	private static double newTargetSpeed(RandomGenerator random) {
		return chance(random, STOP_SHARE) ? 0 : random.nextDouble(10, MAX_SPEED_KMH);
	}

	private static double approach(double speed, double target, double maxIncrease, double maxDecrease) {
		double next = (target > speed) ? Math.min(target, speed + maxIncrease) : Math.max(target, speed - maxDecrease);
		return Math.max(0, Math.min(MAX_SPEED_KMH, next));
	}

	private static boolean chance(RandomGenerator random, double probability) {
		return random.nextDouble() < probability;
	}

}
