package io.fleetstream.local.simulator.car;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.fleetstream.local.simulator.streets.StreetNetwork;

/**
 * How one car moves along the street network: a trip is a route of intersections; the car
 * accelerates towards the street's limit (times the driver's own habit), brakes in time
 * to stop where it must (a red light now and then, the trip's end), waits at the light,
 * and reports where it is and which way it heads. A pure function of its state, the
 * elapsed time and the random source, so tests drive it without Kafka or a clock. Not
 * thread-safe.
 */
public final class Driving {

	static final double ACCELERATION_MS2 = 2.0;

	static final double BRAKING_MS2 = 3.0;

	static final double RED_LIGHT_CHANCE = 0.2;

	static final long MIN_RED_LIGHT_MS = 10_000;

	static final long MAX_RED_LIGHT_MS = 40_000;

	private final StreetNetwork streets;

	private final double habit;

	private int[] route;

	private double[] distanceToNode;

	private int leg;

	private double alongM;

	private double speedKmh;

	private double headingDeg;

	private boolean stopAtLegEnd;

	private long waitUntilMs;

	private int node;

	/**
	 * @param start the intersection the car stands at
	 * @param habit the driver's speed relative to the limit (e.g. 0.9 to 1.1)
	 */
	public Driving(StreetNetwork streets, int start, double habit) {
		this.streets = streets;
		this.node = start;
		this.habit = habit;
	}

	/** Sets off towards {@code destination} from where the car stands. */
	public void startTrip(int destination, RandomGenerator random) {
		this.route = this.streets.route(this.node, destination);
		this.distanceToNode = new double[this.route.length];
		for (int i = 1; i < this.route.length; i++) {
			this.distanceToNode[i] = this.distanceToNode[i - 1]
					+ this.streets.distanceM(this.route[i - 1], this.route[i]);
		}
		this.leg = 0;
		this.alongM = 0;
		this.waitUntilMs = 0;
		if (this.route.length < 2) {
			this.route = null;
			return;
		}
		enterLeg(random);
	}

	/** Ends the trip at the next intersection (the driver pulls over). */
	public void endAtNextIntersection() {
		if (driving()) {
			this.route = Arrays.copyOf(this.route, this.leg + 2);
			this.stopAtLegEnd = true;
		}
	}

	/** Stops dead where it is (a crash), ending the trip. */
	public void stopDead() {
		if (driving()) {
			this.node = (this.alongM < legLengthM() / 2) ? this.route[this.leg] : this.route[this.leg + 1];
		}
		this.route = null;
		this.speedKmh = 0;
	}

	/**
	 * Moves on by {@code dtMs}.
	 * @param speedOverrideKmh a speed the driver goes for regardless of the limit (0:
	 * none)
	 * @return whether the trip ended in this step
	 */
	public boolean step(long nowMs, long dtMs, double speedOverrideKmh, RandomGenerator random) {
		if (!driving()) {
			return false;
		}
		if (nowMs < this.waitUntilMs) {
			this.speedKmh = 0;
			return false;
		}
		double seconds = dtMs / 1000.0;
		double limit = (speedOverrideKmh > 0) ? speedOverrideKmh
				: this.streets.speedLimitKmh(this.route[this.leg], this.route[this.leg + 1]) * this.habit;
		// a driver going for a speed of their own does not stop at red lights either
		boolean obeysLights = speedOverrideKmh <= 0;
		double toStopM = (this.stopAtLegEnd && obeysLights) ? legLengthM() - this.alongM
				: this.distanceToNode[this.route.length - 1] - this.distanceToNode[this.leg] - this.alongM;
		double speedMs = this.speedKmh / 3.6;
		double brakingM = speedMs * speedMs / (2 * BRAKING_MS2);
		double target = (toStopM <= brakingM + speedMs * seconds) ? 0 : limit;
		double next = (target > this.speedKmh) ? Math.min(target, this.speedKmh + ACCELERATION_MS2 * 3.6 * seconds)
				: Math.max(target, this.speedKmh - BRAKING_MS2 * 3.6 * seconds);
		double moveM = Math.max((this.speedKmh + next) / 2 / 3.6 * seconds, (target == 0) ? Math.min(toStopM, 2) : 0);
		this.speedKmh = next;
		return advance(Math.min(moveM, toStopM), nowMs, obeysLights, random);
	}

	private boolean advance(double moveM, long nowMs, boolean obeysLights, RandomGenerator random) {
		double left = legLengthM() - this.alongM;
		if (moveM < left - 0.01) {
			this.alongM += moveM;
			return false;
		}
		this.leg++;
		this.alongM = 0;
		this.node = this.route[this.leg];
		if (this.leg == this.route.length - 1) {
			this.route = null;
			this.speedKmh = 0;
			return true;
		}
		boolean stopped = this.stopAtLegEnd && obeysLights;
		if (stopped) {
			this.speedKmh = 0;
			this.waitUntilMs = nowMs + random.nextLong(MIN_RED_LIGHT_MS, MAX_RED_LIGHT_MS);
		}
		enterLeg(random);
		if (!stopped) {
			this.alongM = Math.min(moveM - left, legLengthM() * 0.99);
		}
		return false;
	}

	private void enterLeg(RandomGenerator random) {
		int from = this.route[this.leg];
		int to = this.route[this.leg + 1];
		this.headingDeg = Math.toDegrees(Math.atan2(this.streets.eastM(to) - this.streets.eastM(from),
				this.streets.northM(to) - this.streets.northM(from)));
		this.headingDeg = (this.headingDeg + 360) % 360;
		this.stopAtLegEnd = this.leg + 2 < this.route.length && random.nextDouble() < RED_LIGHT_CHANCE;
	}

	private double legLengthM() {
		return this.streets.distanceM(this.route[this.leg], this.route[this.leg + 1]);
	}

	/** How far the trip still goes along its route, metres (0 when parked). */
	public double remainingM() {
		return driving() ? this.distanceToNode[this.route.length - 1] - this.distanceToNode[this.leg] - this.alongM : 0;
	}

	/** Whether the car is on a trip (also while waiting at a light). */
	public boolean driving() {
		return this.route != null;
	}

	public double speedKmh() {
		return this.speedKmh;
	}

	public double headingDeg() {
		return this.headingDeg;
	}

	/** Metres north of the area's centre. */
	public double northM() {
		if (!driving()) {
			return this.streets.northM(this.node);
		}
		double share = this.alongM / legLengthM();
		return this.streets.northM(this.route[this.leg]) * (1 - share)
				+ this.streets.northM(this.route[this.leg + 1]) * share;
	}

	/** Metres east of the area's centre. */
	public double eastM() {
		if (!driving()) {
			return this.streets.eastM(this.node);
		}
		double share = this.alongM / legLengthM();
		return this.streets.eastM(this.route[this.leg]) * (1 - share)
				+ this.streets.eastM(this.route[this.leg + 1]) * share;
	}

	/** The intersection the car stands at, or left last. */
	public int node() {
		return this.node;
	}

}
