package io.fleetstream.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.fleetstream.ingest.position.PositionKeys;

/**
 * Proves a phase applied every fix it claims: each car's stored event time must equal the
 * newest event time produced for it. Because a fix is applied only if strictly newer,
 * this holds only if the newest fix of every car was written.
 *
 * @param cars cars checked
 * @param matching cars whose stored time is the expected one
 * @param examples a few mismatches, for the report
 */
record PositionCheck(int cars, int matching, List<String> examples) {

	static PositionCheck verify(BenchRedis redis, PositionKeys keys, FleetDataset dataset, long[] expectedTs) {
		List<String> carIds = IntStream.range(0, dataset.cars()).mapToObj(dataset::carId).toList();
		long[] stored = redis.storedTs(carIds, keys);
		int expectedCars = 0;
		int matching = 0;
		List<String> examples = new ArrayList<>();
		for (int car = 0; car < stored.length; car++) {
			if (expectedTs[car] == 0) {
				continue;
			}
			expectedCars++;
			if (stored[car] == expectedTs[car]) {
				matching++;
			}
			else if (examples.size() < 5) {
				examples.add(carIds.get(car) + " stored ts " + stored[car] + ", newest produced " + expectedTs[car]);
			}
		}
		return new PositionCheck(expectedCars, matching, List.copyOf(examples));
	}

	/**
	 * For the reference consumers, which keep only a geo index: each car's geo position
	 * must be the last fix written for it (within the geohash's precision, well under a
	 * metre).
	 */
	static PositionCheck verifyGeo(BenchRedis redis, String geoKey, FleetDataset dataset, double[] lastLat,
			double[] lastLng) {
		List<String> carIds = IntStream.range(0, dataset.cars()).mapToObj(dataset::carId).toList();
		double[][] stored = redis.geoPositions(geoKey, carIds);
		int expectedCars = 0;
		int matching = 0;
		List<String> examples = new ArrayList<>();
		for (int car = 0; car < stored.length; car++) {
			if (Double.isNaN(lastLat[car])) {
				continue;
			}
			expectedCars++;
			if (stored[car] != null && Math.abs(stored[car][0] - lastLat[car]) < 1e-5
					&& Math.abs(stored[car][1] - lastLng[car]) < 1e-5) {
				matching++;
			}
			else if (examples.size() < 5) {
				examples.add(carIds.get(car) + " geo position "
						+ ((stored[car] != null) ? stored[car][0] + "," + stored[car][1] : "none") + ", last written "
						+ lastLat[car] + "," + lastLng[car]);
			}
		}
		return new PositionCheck(expectedCars, matching, List.copyOf(examples));
	}

	boolean passed() {
		return this.cars > 0 && this.matching == this.cars;
	}

	String summary() {
		return passed() ? "verified: all " + this.cars + " cars hold their newest fix"
				: "FAILED: " + (this.cars - this.matching) + " of " + this.cars + " cars do not hold their newest fix "
						+ this.examples;
	}

}
