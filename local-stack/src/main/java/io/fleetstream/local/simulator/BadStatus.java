package io.fleetstream.local.simulator;

import java.nio.charset.StandardCharsets;

/**
 * The kinds of broken status message a real fleet sends now and then (a device with a
 * bug, a hostile one), mixed into the simulated traffic at the bad-record rate: each must
 * end on {@code cars.status.json-dlt} with its reason, and none may blow up a service.
 */
enum BadStatus {

	MALFORMED_JSON("{\"engine\":{\"on\":tru"),

	NOT_AN_OBJECT("[\"engine\",\"on\"]"),

	/** A valid message without its key. */
	MISSING_CAR_ID("{\"speedKmh\":12}"),

	/** Nested 64 levels deep, beyond any sane vehicle model. */
	TOO_DEEP("{\"a\":".repeat(64) + "1" + "}".repeat(64)),

	/** 5,000 attributes in one message. */
	TOO_MANY_ATTRIBUTES(manyAttributes(5_000)),

	/** One value of 100 kB. */
	OVERSIZED_VALUE("{\"firmwareLog\":\"" + "x".repeat(100_000) + "\"}");

	private final byte[] value;

	BadStatus(String json) {
		this.value = json.getBytes(StandardCharsets.UTF_8);
	}

	SimulatedRecord record(String carId) {
		return new SimulatedRecord((this == MISSING_CAR_ID) ? "" : carId, this.value);
	}

	private static String manyAttributes(int count) {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < count; i++) {
			json.append((i > 0) ? "," : "").append("\"sensor").append(i).append("\":").append(i);
		}
		return json.append('}').toString();
	}

}
