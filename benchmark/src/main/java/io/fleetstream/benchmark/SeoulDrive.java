package io.fleetstream.benchmark;

import java.util.SplittableRandom;

/**
 * Cars wandering around central Seoul: each keeps a heading and a speed that drift a
 * little every second, and turns back at the edge of the area. Realistic enough that
 * consecutive fixes of a car are close together, as they are on the real topic.
 */
final class SeoulDrive {

	private static final double MIN_LAT = 37.45;

	private static final double MAX_LAT = 37.68;

	private static final double MIN_LNG = 126.85;

	private static final double MAX_LNG = 127.15;

	private static final double METRES_PER_DEGREE = 111_320;

	private final double[] lat;

	private final double[] lng;

	private final double[] speedKmh;

	private final double[] heading;

	private final SplittableRandom random;

	SeoulDrive(int cars, SplittableRandom random) {
		this.lat = new double[cars];
		this.lng = new double[cars];
		this.speedKmh = new double[cars];
		this.heading = new double[cars];
		this.random = random;
		for (int car = 0; car < cars; car++) {
			this.lat[car] = random.nextDouble(MIN_LAT, MAX_LAT);
			this.lng[car] = random.nextDouble(MIN_LNG, MAX_LNG);
			this.speedKmh[car] = random.nextDouble(0, 60);
			this.heading[car] = random.nextDouble(0, 360);
		}
	}

	void advanceOneSecond() {
		for (int car = 0; car < this.lat.length; car++) {
			this.speedKmh[car] = Math.min(90, Math.max(0, this.speedKmh[car] + this.random.nextDouble(-5, 5)));
			this.heading[car] = (this.heading[car] + this.random.nextDouble(-15, 15) + 360) % 360;
			double metres = this.speedKmh[car] / 3.6;
			double radians = Math.toRadians(this.heading[car]);
			double nextLat = this.lat[car] + metres * Math.cos(radians) / METRES_PER_DEGREE;
			double nextLng = this.lng[car]
					+ metres * Math.sin(radians) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(this.lat[car])));
			if (nextLat < MIN_LAT || nextLat > MAX_LAT || nextLng < MIN_LNG || nextLng > MAX_LNG) {
				this.heading[car] = (this.heading[car] + 180) % 360;
			}
			else {
				this.lat[car] = nextLat;
				this.lng[car] = nextLng;
			}
		}
	}

	double lat(int car) {
		return this.lat[car];
	}

	double lng(int car) {
		return this.lng[car];
	}

	double speedKmh(int car) {
		return this.speedKmh[car];
	}

	int heading(int car) {
		return (int) this.heading[car];
	}

}
