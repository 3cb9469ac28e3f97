package io.fleetstream.enrichment.snapshot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test's CDC scenario: each change is produced in the DMS format AND applied by hand to
 * the expected tables here, so the expected snapshot is written from the scenario, not
 * computed by the code under test. The sample rows collide on one column,
 * {@code updated_at}, which a car with a device therefore shows as
 * {@code carinfo.updated_at} and {@code deviceinfo.updated_at}.
 */
final class ExpectedSnapshot {

	private final CdcTopics topics;

	private final Map<String, Map<String, Object>> cars = new TreeMap<>();

	private final Map<String, Map<String, Object>> devices = new TreeMap<>();

	private int produced;

	ExpectedSnapshot(CdcTopics topics) {
		this.topics = topics;
	}

	/** A DMS full load of cars 1..n, device i in car i. */
	void load(int n) {
		for (int i = 1; i <= n; i++) {
			upsertCar("load", DmsSamples.car(i), DmsSamples.LOAD_TIME);
			upsertDevice("load", DmsSamples.device(i, DmsSamples.carId(i)), DmsSamples.LOAD_TIME);
		}
	}

	void upsertCar(String operation, Map<String, Object> row, Instant time) {
		send(this.topics.cars, "carinfo", operation, row, time);
		this.cars.put((String) row.get("car_id"), row);
	}

	void upsertDevice(String operation, Map<String, Object> row, Instant time) {
		send(this.topics.devices, "deviceinfo", operation, row, time);
		this.devices.put((String) row.get("device_id"), row);
	}

	void deleteCar(String carId, Instant time) {
		send(this.topics.cars, "carinfo", "delete", this.cars.remove(carId), time);
	}

	void deleteDevice(String deviceId, Instant time) {
		send(this.topics.devices, "deviceinfo", "delete", this.devices.remove(deviceId), time);
	}

	/** A change that must lose: produced, but not applied to the expected tables. */
	void staleCarUpdate(Map<String, Object> row, Instant time) {
		send(this.topics.cars, "carinfo", "update", row, time);
	}

	void sendRaw(String topic, String key, String value) {
		this.topics.send(topic, key, value);
		this.produced++;
	}

	int produced() {
		return this.produced;
	}

	Map<String, Object> car(String carId) {
		return new LinkedHashMap<>(this.cars.get(carId));
	}

	Map<String, Object> device(String deviceId) {
		return new LinkedHashMap<>(this.devices.get(deviceId));
	}

	/** Every car's expected attributes (JSON-native values). */
	Map<String, Map<String, Object>> references() {
		Map<String, Map<String, Object>> references = new TreeMap<>();
		this.cars.forEach((carId, row) -> {
			Map<String, Object> reference = new LinkedHashMap<>();
			boolean hasDevice = this.devices.values().stream().anyMatch((device) -> carId.equals(device.get("car_id")));
			row.forEach((column, value) -> {
				if (value != null) {
					reference.put((hasDevice && column.equals("updated_at")) ? "carinfo.updated_at" : column, value);
				}
			});
			// devices in id order: the first one's value wins
			this.devices.values().stream().filter((device) -> carId.equals(device.get("car_id"))).forEach((device) -> {
				reference.putIfAbsent("device_id", device.get("device_id"));
				reference.putIfAbsent("firmware", device.get("firmware"));
				reference.putIfAbsent("battery_mv", device.get("battery_mv"));
				reference.putIfAbsent("deviceinfo.updated_at", device.get("updated_at"));
			});
			references.put(carId, reference);
		});
		return references;
	}

	/** Every car's expected attribute hash in Redis (plain text values). */
	Map<String, Map<String, String>> redisHashes() {
		Map<String, Map<String, String>> hashes = new TreeMap<>();
		references().forEach((carId, reference) -> {
			Map<String, String> hash = new LinkedHashMap<>();
			reference.forEach((column, value) -> hash.put(column, String.valueOf(value)));
			hashes.put(carId, hash);
		});
		return hashes;
	}

	/** Device id to car id, for devices installed in a car. */
	Map<String, String> deviceIndex() {
		Map<String, String> index = new TreeMap<>();
		this.devices.forEach((deviceId, row) -> {
			if (row.get("car_id") != null) {
				index.put(deviceId, (String) row.get("car_id"));
			}
		});
		return index;
	}

	int deviceCount() {
		return this.devices.size();
	}

	int carCount() {
		return this.cars.size();
	}

	private void send(String topic, String table, String operation, Map<String, Object> row, Instant time) {
		String key = (String) row.get(table.equals("carinfo") ? "car_id" : "device_id");
		sendRaw(topic, key, DmsSamples.record(table, operation, row, time));
	}

}
