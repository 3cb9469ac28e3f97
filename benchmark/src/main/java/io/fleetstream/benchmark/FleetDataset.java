package io.fleetstream.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.gps.GpsFixJson;

/**
 * The benchmark's fixes, generated once and kept pre-serialized so that producing them
 * costs the harness almost nothing: a fleet driving around Seoul, reporting at 1 Hz, in
 * rounds (every car once per round), so each car's event time increases record by record.
 * Record {@code i} belongs to car {@code i % cars}; its event time is implied by its
 * round.
 */
final class FleetDataset {

	private final String[] carIds;

	private final byte[][] keys;

	private final byte[][] values;

	private final double[] lat;

	private final double[] lng;

	private final float[] speedKmh;

	private final short[] heading;

	private final long startTs;

	private FleetDataset(int cars, int fixes, long startTs) {
		this.carIds = new String[cars];
		this.keys = new byte[cars][];
		this.values = new byte[fixes][];
		this.lat = new double[fixes];
		this.lng = new double[fixes];
		this.speedKmh = new float[fixes];
		this.heading = new short[fixes];
		this.startTs = startTs;
	}

	/**
	 * @param startTs the event time of the first round; later rounds are one second apart
	 */
	static FleetDataset generate(int cars, int fixes, long startTs, long seed) {
		FleetDataset dataset = new FleetDataset(cars, fixes, startTs);
		String format = "car-%0" + String.valueOf(cars - 1).length() + "d";
		for (int car = 0; car < cars; car++) {
			dataset.carIds[car] = String.format(format, car);
			dataset.keys[car] = dataset.carIds[car].getBytes(StandardCharsets.UTF_8);
		}
		SeoulDrive drive = new SeoulDrive(cars, new SplittableRandom(seed));
		for (int i = 0; i < fixes; i++) {
			int car = i % cars;
			if (car == 0 && i > 0) {
				drive.advanceOneSecond();
			}
			dataset.lat[i] = drive.lat(car);
			dataset.lng[i] = drive.lng(car);
			dataset.speedKmh[i] = (float) drive.speedKmh(car);
			dataset.heading[i] = (short) drive.heading(car);
			dataset.values[i] = GpsFixJson.encode(dataset.fix(i));
		}
		return dataset;
	}

	int size() {
		return this.values.length;
	}

	int cars() {
		return this.carIds.length;
	}

	int carOf(int record) {
		return record % this.carIds.length;
	}

	String carId(int car) {
		return this.carIds[car];
	}

	/** The index of a car id this data set made. */
	int carIndex(String carId) {
		return Integer.parseInt(carId, carId.indexOf('-') + 1, carId.length(), 10);
	}

	byte[] key(int record) {
		return this.keys[carOf(record)];
	}

	byte[] value(int record) {
		return this.values[record];
	}

	long ts(int record) {
		int car = carOf(record);
		int round = record / this.carIds.length;
		return this.startTs + round * 1000L + (car % 1000);
	}

	GpsFix fix(int record) {
		long ts = ts(record);
		return new GpsFix(this.carIds[carOf(record)], this.lat[record], this.lng[record], ts,
				(double) this.speedKmh[record], (double) this.heading[record], ts);
	}

	/** Each car's newest event time among the first {@code records} records. */
	long[] newestTs(int records) {
		long[] newest = new long[cars()];
		for (int i = Math.max(0, records - cars()); i < records; i++) {
			newest[carOf(i)] = ts(i);
		}
		return newest;
	}

	/** The records of cars {@code car % parts == part}, in order (one writer's share). */
	int[] share(int part, int parts) {
		return IntStream.range(0, size()).filter((i) -> carOf(i) % parts == part).toArray();
	}

}
