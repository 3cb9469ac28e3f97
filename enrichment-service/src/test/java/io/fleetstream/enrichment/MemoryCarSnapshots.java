package io.fleetstream.enrichment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fleetstream.enrichment.snapshot.CarSnapshots;

/**
 * The tests' snapshot: reference attributes a test puts in. Stands in for the CDC
 * snapshot, which is built and tested on its own.
 */
public class MemoryCarSnapshots implements CarSnapshots {

	private final Map<String, Map<String, Object>> cars = new ConcurrentHashMap<>();

	public void put(String carId, Map<String, Object> reference) {
		this.cars.put(carId, Map.copyOf(reference));
	}

	@Override
	public Map<String, Object> referenceOf(String carId) {
		return this.cars.getOrDefault(carId, Map.of());
	}

}
