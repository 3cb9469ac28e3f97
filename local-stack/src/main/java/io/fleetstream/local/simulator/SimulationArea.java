package io.fleetstream.local.simulator;

import java.util.random.RandomGenerator;

/**
 * The disc the simulated cars drive in. Positions are handled in a local tangent plane
 * around the centre (metres north and east), which is accurate to well under a metre at
 * city scale and keeps the movement arithmetic simple.
 *
 * @param centreLat latitude of the centre, degrees
 * @param centreLng longitude of the centre, degrees
 * @param radiusM radius of the disc, metres
 */
public record SimulationArea(double centreLat, double centreLng, double radiusM) {

	/** Seoul City Hall and 15 km around it. */
	public static final SimulationArea SEOUL = new SimulationArea(37.5665, 126.978, 15_000);

	static final double EARTH_RADIUS_M = 6_371_008.8;

	public SimulationArea {
		if (radiusM <= 0 || radiusM > 200_000) {
			throw new IllegalArgumentException("radiusM must be in (0, 200000], was " + radiusM);
		}
	}

	/** A uniformly random point of the disc. */
	public Point randomPoint(RandomGenerator random) {
		double distance = this.radiusM * Math.sqrt(random.nextDouble());
		double angle = random.nextDouble(2 * Math.PI);
		return fromPlane(distance * Math.cos(angle), distance * Math.sin(angle));
	}

	/**
	 * The point {@code metres} away along {@code headingDeg}, pulled back onto the edge
	 * if it would leave the disc.
	 */
	public Point move(double lat, double lng, double headingDeg, double metres) {
		double heading = Math.toRadians(headingDeg);
		double north = northM(lat) + metres * Math.cos(heading);
		double east = eastM(lat, lng) + metres * Math.sin(heading);
		double distance = Math.hypot(north, east);
		if (distance > this.radiusM) {
			north = north * this.radiusM / distance;
			east = east * this.radiusM / distance;
		}
		return fromPlane(north, east);
	}

	public double distanceFromCentreM(double lat, double lng) {
		return Math.hypot(northM(lat), eastM(lat, lng));
	}

	/** Metres north of the centre. */
	public double northM(double lat) {
		return Math.toRadians(lat - this.centreLat) * EARTH_RADIUS_M;
	}

	/** Metres east of the centre. */
	public double eastM(double lat, double lng) {
		return Math.toRadians(lng - this.centreLng) * EARTH_RADIUS_M * Math.cos(Math.toRadians(lat));
	}

	/** The point {@code northM} north and {@code eastM} east of the centre. */
	public Point fromPlane(double northM, double eastM) {
		double lat = this.centreLat + Math.toDegrees(northM / EARTH_RADIUS_M);
		double lng = this.centreLng + Math.toDegrees(eastM / (EARTH_RADIUS_M * Math.cos(Math.toRadians(lat))));
		return new Point(lat, lng);
	}

	/** A position in degrees. */
	public record Point(double lat, double lng) {
	}

}
