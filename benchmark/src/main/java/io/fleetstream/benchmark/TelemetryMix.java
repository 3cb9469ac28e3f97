package io.fleetstream.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.fleetstream.common.gps.GpsFixJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The telemetry of a fleet as local-stack's simulator sends it (its {@code SimulatedCar}
 * and {@code StatusJson}): every car reports a GPS fix every second, and a status message
 * when signals changed beyond their dead band, nested and partial (one to three of the
 * simulator's signal paths, about one car in three per second); each car's first status
 * is a full one (all 25 signals, as a device sends after boot). Deterministic: the same
 * seed gives the same records, so the harness can compute what the service must end up
 * with.
 */
final class TelemetryMix {

	static final String GPS_TOPIC = "cars.gps.json";

	static final String STATUS_TOPIC = "cars.status.json";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** The simulator's signals (local-stack's {@code Signal}): path and kind. */
	private static final String[][] SIGNALS = { { "engine.on", "B" }, { "engine.rpm", "I" },
			{ "engine.coolantTempC", "D" }, { "engine.oil.level", "S" }, { "engine.oil.tempC", "D" },
			{ "body.doors.frontLeft", "S" }, { "body.doors.frontRight", "S" }, { "body.doors.rearLeft", "S" },
			{ "body.doors.rearRight", "S" }, { "body.doors.trunk", "S" }, { "body.locked", "B" },
			{ "body.lights.headlights", "S" }, { "body.lights.highBeam", "S" }, { "body.lights.parking", "S" },
			{ "battery.voltage", "D" }, { "battery.socPct", "D" }, { "fuel.levelPct", "D" },
			{ "tires.pressureKpa.frontLeft", "I" }, { "tires.pressureKpa.frontRight", "I" },
			{ "tires.pressureKpa.rearLeft", "I" }, { "tires.pressureKpa.rearRight", "I" },
			{ "safety.crashDetected", "B" }, { "safety.airbagDeployed", "B" }, { "speedKmh", "I" },
			{ "odometerKm", "D" } };

	/** The signals that change while driving (indexes into {@link #SIGNALS}). */
	private static final int[] CHANGING = { 1, 2, 4, 14, 15, 16, 17, 23, 23, 23, 24, 24, 10, 5 };

	private static final String[] STATES = { "closed", "open" };

	private TelemetryMix() {
	}

	static String carId(int car) {
		return String.format("car-%06d", car);
	}

	/**
	 * One telemetry record.
	 *
	 * @param topic {@link #GPS_TOPIC} or {@link #STATUS_TOPIC}
	 * @param carId the record key
	 * @param value the JSON value
	 */
	record TelemetryRecord(String topic, String carId, byte[] value) {

		byte[] key() {
			return this.carId.getBytes(StandardCharsets.UTF_8);
		}

	}

	/**
	 * Generates the records in the order a fleet sends them: second by second, each car's
	 * fix, then its status when it has one.
	 */
	static final class Generator {

		private final int cars;

		private final long firstSecondMs;

		private final List<TelemetryRecord> pending = new ArrayList<>();

		private long round;

		private int car;

		/**
		 * @param cars the fleet's size
		 * @param firstSecondMs event time of the first second, unless the caller gives a
		 * live time to {@link #next(long)}
		 */
		Generator(int cars, long firstSecondMs) {
			this.cars = cars;
			this.firstSecondMs = firstSecondMs;
		}

		/**
		 * The next record.
		 * @param liveTs the event time to give it, or {@code -1} for its place in the
		 * generated timeline (one second per round)
		 */
		TelemetryRecord next(long liveTs) {
			if (this.pending.isEmpty()) {
				long ts = (liveTs >= 0) ? liveTs : this.firstSecondMs + this.round * 1000;
				report(this.car, this.round, ts);
				if (++this.car == this.cars) {
					this.car = 0;
					this.round++;
				}
			}
			return this.pending.remove(0);
		}

		private void report(int car, long round, long ts) {
			String carId = carId(car);
			double lat = 37.45 + (car % 100) * 0.003 + (round % 500) * 0.00001;
			double lng = 126.85 + (car / 100 % 100) * 0.004 + (round % 500) * 0.00001;
			double speed = (car * 7L + round * 3) % 120;
			double heading = (car * 13L + round) % 360;
			this.pending.add(new TelemetryRecord(GPS_TOPIC, carId, GpsFixJson.encode(lat, lng, ts, speed, heading)));
			SplittableRandom random = new SplittableRandom(car * 1_000_003L + round);
			if (round == 0) {
				List<Integer> all = new ArrayList<>();
				for (int i = 0; i < SIGNALS.length; i++) {
					all.add(i);
				}
				this.pending.add(status(carId, car, round, ts, all));
			}
			else if (random.nextInt(3) == 0) {
				List<Integer> changed = new ArrayList<>();
				int count = 1 + random.nextInt(3);
				for (int i = 0; i < count; i++) {
					int signal = CHANGING[random.nextInt(CHANGING.length)];
					if (!changed.contains(signal)) {
						changed.add(signal);
					}
				}
				changed.sort(Integer::compare);
				this.pending.add(status(carId, car, round, ts, changed));
			}
		}

		private static TelemetryRecord status(String carId, int car, long round, long ts, List<Integer> signals) {
			Map<String, Object> root = new LinkedHashMap<>();
			root.put("ts", ts);
			for (int signal : signals) {
				String[] segments = SIGNALS[signal][0].split("\\.");
				Map<String, Object> parent = root;
				for (int i = 0; i < segments.length - 1; i++) {
					@SuppressWarnings("unchecked")
					Map<String, Object> child = (Map<String, Object>) parent.computeIfAbsent(segments[i],
							(name) -> new LinkedHashMap<String, Object>());
					parent = child;
				}
				parent.put(segments[segments.length - 1], value(SIGNALS[signal][1], signal, car, round));
			}
			return new TelemetryRecord(STATUS_TOPIC, carId, MAPPER.writeValueAsBytes(root));
		}

		private static Object value(String kind, int signal, int car, long round) {
			long seed = car * 31L + round * 7 + signal;
			return switch (kind) {
				case "B" -> seed % 2 == 0;
				case "I" -> (int) (seed % 5000);
				case "D" -> Math.round((seed % 100_000) * 1.37) / 100.0 + 0.01;
				default -> STATES[(int) (seed % STATES.length)];
			};
		}

	}

}
