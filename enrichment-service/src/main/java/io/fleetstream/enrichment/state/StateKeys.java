package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;

import io.fleetstream.enrichment.redis.RespArguments;

/**
 * The Redis key names of the vehicle state (docs/redis-keys.md, "Vehicle state"): the
 * only code that builds them. A car's three keys share the hash tag {@code {carId}}, so
 * the script that writes them touches one cluster slot.
 */
public final class StateKeys {

	private static final byte[] VALUES_PREFIX = "fleet:state:{".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] VALUES_SUFFIX = { '}' };

	private static final byte[] TIMES_SUFFIX = { '}', ':', 't' };

	private static final byte[] ARRAYS_SUFFIX = { '}', ':', 'a' };

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

	/**
	 * Writes the car's three keys (values, times, arrays) as arguments of a batched
	 * command, from one encoding of the id.
	 */
	static void carKeys(String carId, RespArguments into) {
		byte[] car = carId.getBytes(StandardCharsets.UTF_8);
		into.bulk(VALUES_PREFIX, car, VALUES_SUFFIX);
		into.bulk(VALUES_PREFIX, car, TIMES_SUFFIX);
		into.bulk(VALUES_PREFIX, car, ARRAYS_SUFFIX);
	}

	static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
