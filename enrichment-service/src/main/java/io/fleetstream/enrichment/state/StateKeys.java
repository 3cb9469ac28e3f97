package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Redis key names of the vehicle state (docs/redis-keys.md, "Vehicle state"): the
 * only code that builds them. A car's three keys share the hash tag {@code {carId}}, so
 * the script that writes them touches one cluster slot.
 */
public final class StateKeys {

	private static final byte[] VALUES_PREFIX = "fleet:state:{".getBytes(StandardCharsets.US_ASCII);

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
	 * The car's three keys as UTF-8 (values, times, arrays), made from one encoding of
	 * the id (the state write names them once per car and batch).
	 */
	static byte[][] carKeys(String carId) {
		byte[] car = carId.getBytes(StandardCharsets.UTF_8);
		byte[] values = new byte[VALUES_PREFIX.length + car.length + 1];
		System.arraycopy(VALUES_PREFIX, 0, values, 0, VALUES_PREFIX.length);
		System.arraycopy(car, 0, values, VALUES_PREFIX.length, car.length);
		values[values.length - 1] = '}';
		byte[] times = Arrays.copyOf(values, values.length + 2);
		times[values.length] = ':';
		times[values.length + 1] = 't';
		byte[] arrays = times.clone();
		arrays[arrays.length - 1] = 'a';
		return new byte[][] { values, times, arrays };
	}

	static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
