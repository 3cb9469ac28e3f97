package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;

/**
 * The Redis key names of the vehicle state (docs/redis-keys.md, "Vehicle state"): the
 * only code that builds them. A car's three keys share the hash tag {@code {carId}}, so
 * the script that writes them touches one cluster slot.
 */
public final class StateKeys {

	private StateKeys() {
	}

	public static String values(String carId) {
		return "fleet:state:{" + carId + "}";
	}

	public static String times(String carId) {
		return "fleet:state:{" + carId + "}:t";
	}

	public static String arrays(String carId) {
		return "fleet:state:{" + carId + "}:a";
	}

	/** The cars whose records are on this partition number of the telemetry topics. */
	public static String partition(int partition) {
		return "fleet:state:partition:" + partition;
	}

	static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
