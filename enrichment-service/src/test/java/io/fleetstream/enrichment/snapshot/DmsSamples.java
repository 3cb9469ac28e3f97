package io.fleetstream.enrichment.snapshot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * AWS DMS Kafka target records as DMS writes them (docs/snapshot.md, "Format"): a
 * {@code data} object with the row and a {@code metadata} object.
 */
final class DmsSamples {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static final Instant LOAD_TIME = Instant.parse("2026-12-01T09:00:00.000001Z");

	private DmsSamples() {
	}

	static Map<String, Object> car(int i) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("car_id", carId(i));
		row.put("plate", "12가" + (1000 + i));
		row.put("model", (i % 2 == 0) ? "Ioniq 5" : "Niro");
		row.put("zone", (i % 3 == 0) ? "gangnam" : "mapo");
		row.put("fuel_type", (i % 2 == 0) ? "EV" : "HEV");
		row.put("seats", 5L);
		row.put("updated_at", "2026-11-30 10:00:00");
		row.put("retired_at", null);
		return row;
	}

	static Map<String, Object> device(int i, String carId) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("device_id", deviceId(i));
		row.put("car_id", carId);
		row.put("firmware", "3.2." + (i % 4));
		row.put("battery_mv", 3700L + i);
		row.put("updated_at", "2026-11-30 11:00:00");
		return row;
	}

	static String carId(int i) {
		return String.format("car-%03d", i);
	}

	static String deviceId(int i) {
		return String.format("dev-%03d", i);
	}

	static String record(String table, String operation, Map<String, Object> data, Instant timestamp) {
		return record(table, operation, data, timestamp, null);
	}

	static String record(String table, String operation, Map<String, Object> data, Instant timestamp,
			Long transactionId) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("timestamp", timestamp.toString());
		metadata.put("record-type", "data");
		metadata.put("operation", operation);
		metadata.put("partition-key-type", "primary-key");
		metadata.put("schema-name", "fleet");
		metadata.put("table-name", table);
		if (transactionId != null) {
			metadata.put("transaction-id", transactionId);
		}
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("data", data);
		record.put("metadata", metadata);
		return MAPPER.writeValueAsString(record);
	}

	static String control(String table, String operation, Instant timestamp) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("timestamp", timestamp.toString());
		metadata.put("record-type", "control");
		metadata.put("operation", operation);
		metadata.put("partition-key-type", "task-id");
		metadata.put("schema-name", "fleet");
		metadata.put("table-name", table);
		return MAPPER.writeValueAsString(Map.of("control", Map.of(), "metadata", metadata));
	}

}
