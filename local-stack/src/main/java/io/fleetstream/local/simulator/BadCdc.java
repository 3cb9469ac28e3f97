package io.fleetstream.local.simulator;

import java.nio.charset.StandardCharsets;

/**
 * The kinds of broken CDC record a misconfigured DMS task or a hand-written producer
 * sends, mixed into the simulated CDC at the bad-record rate: each must end on the CDC
 * topic's dead-letter topic with its reason, and none may touch the snapshot.
 */
enum BadCdc {

	MALFORMED_JSON("{\"data\":{\"car_id\":"),

	MISSING_DATA("{\"metadata\":" + metadata("carinfo", "update") + "}"),

	MISSING_METADATA("{\"data\":{\"car_id\":\"%s\",\"zone\":\"마포구\"}}"),

	UNKNOWN_TABLE("{\"data\":{\"id\":1},\"metadata\":" + metadata("parking_tickets", "insert") + "}"),

	MISSING_KEY_COLUMN("{\"data\":{\"zone\":\"마포구\"},\"metadata\":" + metadata("carinfo", "update") + "}"),

	UNKNOWN_OPERATION("{\"data\":{\"car_id\":\"%s\"},\"metadata\":" + metadata("carinfo", "merge") + "}");

	private final String template;

	BadCdc(String template) {
		this.template = template;
	}

	/** The broken record, sent to {@code cdc.carinfo} keyed by {@code carId}. */
	SimulatedRecord record(String carId) {
		return new SimulatedRecord(carId, this.template.replace("%s", carId).getBytes(StandardCharsets.UTF_8));
	}

	private static String metadata(String table, String operation) {
		return "{\"timestamp\":\"2026-01-01T00:00:00.000000Z\",\"record-type\":\"data\",\"operation\":\"" + operation
				+ "\",\"partition-key-type\":\"primary-key\",\"schema-name\":\"fleet\",\"table-name\":\"" + table
				+ "\"}";
	}

}
