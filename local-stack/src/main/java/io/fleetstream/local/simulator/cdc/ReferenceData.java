package io.fleetstream.local.simulator.cdc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * The simulated operator's reference tables, {@code carinfo} (one row per car) and
 * {@code deviceinfo} (one row per telematics device, with the car it sits in), and the
 * changes an operator makes to them over time: a firmware roll-out, a car moved to
 * another zone, two devices swapped between cars. Emits them as AWS DMS would: first a
 * full {@code load} of both tables, then {@code update}s in transactions. Not
 * thread-safe: one simulator thread owns it.
 */
public final class ReferenceData {

	/** The firmware a roll-out installs; it brings a new sensor (a schema change). */
	public static final String NEW_FIRMWARE = "3.3.0";

	static final List<String> MODELS = List.of("Hyundai Avante", "Kia K5", "Hyundai Ioniq 5", "Kia EV6",
			"Hyundai Casper", "Kia Ray EV", "Genesis G80", "Hyundai Sonata");

	static final List<String> ZONES = List.of("강남구", "서초구", "송파구", "마포구", "용산구", "종로구", "중구", "영등포구", "성동구", "광진구");

	private static final String HANGUL_PLATE_SYLLABLES = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주";

	private final List<Map<String, Object>> cars = new ArrayList<>();

	private final List<Map<String, Object>> devices = new ArrayList<>();

	private long transactionId = 1_000;

	private int nextChange;

	/**
	 * @param size how many cars, numbered from 1 ({@code car-00001}, device
	 * {@code dev-00001})
	 * @param electric whether car {@code i} (0-based) is an EV
	 */
	public ReferenceData(int size, IntPredicate electric, RandomGenerator random) {
		for (int i = 0; i < size; i++) {
			String carId = String.format("car-%05d", i + 1);
			Map<String, Object> car = new LinkedHashMap<>();
			car.put("car_id", carId);
			car.put("plate", plate(random));
			car.put("model", MODELS.get(random.nextInt(MODELS.size())));
			car.put("fuel_type", electric.test(i) ? "EV" : "GASOLINE");
			car.put("zone", ZONES.get(random.nextInt(ZONES.size())));
			car.put("year", 2018 + random.nextInt(8));
			this.cars.add(car);
			Map<String, Object> device = new LinkedHashMap<>();
			device.put("device_id", String.format("dev-%05d", i + 1));
			device.put("car_id", carId);
			device.put("firmware", "3.2." + random.nextInt(4));
			device.put("installed_at", String.format("2025-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)));
			this.devices.add(device);
		}
	}

	/** The full load of both tables, cars first. */
	public List<DmsRecord> fullLoad(Instant now) {
		List<DmsRecord> load = new ArrayList<>();
		for (Map<String, Object> car : this.cars) {
			load.add(new DmsRecord("carinfo", (String) car.get("car_id"), "load", copy(car), null, now, 0));
		}
		for (Map<String, Object> device : this.devices) {
			load.add(new DmsRecord("deviceinfo", (String) device.get("device_id"), "load", copy(device), null, now, 0));
		}
		return load;
	}

	/**
	 * The next change, cycling through a firmware update, a zone change and a device swap
	 * (two updates in one transaction).
	 */
	public List<DmsRecord> nextChange(Instant now, RandomGenerator random) {
		long transaction = ++this.transactionId;
		return switch (this.nextChange++ % 3) {
			case 0 -> List.of(update("deviceinfo", this.devices.get(random.nextInt(this.devices.size())), "firmware",
					NEW_FIRMWARE, now, transaction));
			case 1 -> List.of(update("carinfo", this.cars.get(random.nextInt(this.cars.size())), "zone",
					ZONES.get(random.nextInt(ZONES.size())), now, transaction));
			default -> swap(random, now, transaction);
		};
	}

	private List<DmsRecord> swap(RandomGenerator random, Instant now, long transaction) {
		if (this.devices.size() < 2) {
			return List.of();
		}
		Map<String, Object> a = this.devices.get(random.nextInt(this.devices.size()));
		Map<String, Object> b = this.devices.get(random.nextInt(this.devices.size()));
		if (a == b) {
			return List.of();
		}
		Object carOfA = a.get("car_id");
		Object carOfB = b.get("car_id");
		return List.of(update("deviceinfo", a, "car_id", carOfB, now, transaction),
				update("deviceinfo", b, "car_id", carOfA, now, transaction));
	}

	private DmsRecord update(String table, Map<String, Object> row, String column, Object value, Instant now,
			long transaction) {
		Map<String, Object> before = copy(row);
		row.put(column, value);
		String key = (String) row.get(table.equals("carinfo") ? "car_id" : "device_id");
		return new DmsRecord(table, key, "update", copy(row), before, now, transaction);
	}

	private static Map<String, Object> copy(Map<String, Object> row) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(row));
	}

	private static String plate(RandomGenerator random) {
		return String.format("%02d%c%04d", 10 + random.nextInt(90),
				HANGUL_PLATE_SYLLABLES.charAt(random.nextInt(HANGUL_PLATE_SYLLABLES.length())), random.nextInt(10_000));
	}

}
