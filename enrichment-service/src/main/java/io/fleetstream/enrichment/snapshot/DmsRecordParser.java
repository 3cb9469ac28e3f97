package io.fleetstream.enrichment.snapshot;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.fleetstream.common.CarIds;
import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.enrichment.EnrichmentProperties.SnapshotSettings;
import io.fleetstream.enrichment.schema.JsonType;
import io.fleetstream.enrichment.schema.SchemaSample.ControlRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Parses and validates one record in the AWS DMS Kafka target format: {@code {"data":
 * {...row...}, "metadata": {"timestamp", "record-type", "operation", "schema-name",
 * "table-name", "transaction-id"?, "commit-timestamp"?, ...}}}, optionally with
 * {@code "before-image"} (not needed: {@code data} holds the whole row). Control records
 * ({@code record-type: control}) are accepted whatever their operation and table, to be
 * published as schema changes; data records must name a known table and operation and
 * carry the row's key. A pure function of its inputs (docs/snapshot.md).
 */
final class DmsRecordParser {

	private final ObjectMapper mapper;

	private final SnapshotSettings settings;

	DmsRecordParser(ObjectMapper mapper, SnapshotSettings settings) {
		this.mapper = mapper;
		this.settings = settings;
	}

	/**
	 * @param value the record's value
	 * @param offset the record's Kafka offset (the last tie-breaker of its version)
	 * @param recordTimestampMs the Kafka timestamp, the event time of a control record
	 * without a usable {@code timestamp}
	 */
	Handled<CdcRecord> parse(byte[] value, long offset, long recordTimestampMs) {
		JsonNode root;
		try {
			root = (value != null && value.length > 0) ? this.mapper.readTree(value) : null;
		}
		catch (JacksonException ex) {
			return reject(CdcRejection.MALFORMED_JSON, ex.getOriginalMessage());
		}
		if (root == null || root.isMissingNode()) {
			return reject(CdcRejection.MALFORMED_JSON, "the value is empty");
		}
		if (!root.isObject()) {
			return reject(CdcRejection.NOT_AN_OBJECT, "the value is not a JSON object");
		}
		JsonNode metadata = root.get("metadata");
		if (metadata == null || !metadata.isObject()) {
			return reject(CdcRejection.MISSING_METADATA, "no 'metadata' object");
		}
		String recordType = text(metadata, "record-type");
		if ("control".equals(recordType)) {
			return control(root, metadata, recordTimestampMs);
		}
		if (!"data".equals(recordType)) {
			return reject(CdcRejection.UNKNOWN_RECORD_TYPE,
					"metadata.record-type must be 'data' or 'control', was " + describe(metadata.get("record-type")));
		}
		return data(root, metadata, offset);
	}

	private Handled<CdcRecord> data(JsonNode root, JsonNode metadata, long offset) {
		JsonNode data = root.get("data");
		if (data == null || !data.isObject()) {
			return reject(CdcRejection.MISSING_DATA, "a data record without a 'data' object");
		}
		CdcRecord.Operation operation = operation(text(metadata, "operation"));
		if (operation == null) {
			return reject(CdcRejection.UNKNOWN_OPERATION,
					"metadata.operation must be load, insert, update or delete, was "
							+ describe(metadata.get("operation")));
		}
		String tableName = text(metadata, "table-name");
		CdcRecord.Table table = table(tableName);
		if (table == null) {
			return reject(CdcRejection.UNKNOWN_TABLE, "metadata.table-name " + describe(metadata.get("table-name"))
					+ " is neither '" + this.settings.carTable() + "' nor '" + this.settings.deviceTable() + "'");
		}
		String keyColumn = (table == CdcRecord.Table.CAR) ? this.settings.carKeyColumn()
				: this.settings.deviceKeyColumn();
		String key = scalarText(data.get(keyColumn));
		if (key == null || key.isEmpty()) {
			return reject(CdcRejection.MISSING_KEY_COLUMN, "data." + keyColumn + " (the primary key of " + tableName
					+ ") is " + describe(data.get(keyColumn)) + ", not a string or number");
		}
		String carId = key;
		if (table == CdcRecord.Table.DEVICE) {
			JsonNode join = data.get(this.settings.joinColumn());
			carId = scalarText(join);
			if (carId == null && join != null && !join.isNull()) {
				return reject(CdcRejection.INVALID_JOIN_COLUMN,
						"data." + this.settings.joinColumn() + " is " + describe(join) + ", not a string or number");
			}
			if (carId != null && carId.isEmpty()) {
				carId = null;
			}
		}
		if (carId != null && !CarIds.isValid(carId)) {
			return reject(CdcRejection.INVALID_CAR_ID,
					((table == CdcRecord.Table.CAR) ? "data." + keyColumn : "data." + this.settings.joinColumn())
							+ " breaks the car-id rule: " + CarIds.RULE);
		}
		String commit = text(metadata, "commit-timestamp");
		String changed = text(metadata, "timestamp");
		Instant time;
		try {
			time = timestamp((commit != null) ? commit : changed);
		}
		catch (IllegalArgumentException ex) {
			return reject(CdcRejection.INVALID_TIMESTAMP, ex.getMessage());
		}
		if (time.isBefore(Instant.EPOCH)) {
			return reject(CdcRejection.INVALID_TIMESTAMP, "metadata timestamp " + time + " is before 1970");
		}
		Map<String, Object> columns = new LinkedHashMap<>();
		Map<String, JsonType> types = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> column : data.properties()) {
			columns.put(column.getKey(), JsonValues.toJava(column.getValue()));
			types.put(column.getKey(), JsonValues.typeOf(column.getValue()));
		}
		RowVersion version = new RowVersion(ChronoUnit.MICROS.between(Instant.EPOCH, time),
				transaction(metadata.get("transaction-id")), offset);
		return Handled.accepted(CdcRecord.row(table, operation, key, carId, columns, types, version),
				time.toEpochMilli());
	}

	private Handled<CdcRecord> control(JsonNode root, JsonNode metadata, long recordTimestampMs) {
		@SuppressWarnings("unchecked")
		Map<String, Object> all = this.mapper.treeToValue(metadata, LinkedHashMap.class);
		String operation = text(metadata, "operation");
		ControlRecord control = new ControlRecord((operation != null) ? operation : "", text(metadata, "schema-name"),
				text(metadata, "table-name"), all);
		Map<String, JsonType> types = new LinkedHashMap<>();
		JsonNode data = root.get("data");
		if (data != null && data.isObject()) {
			data.properties().forEach((column) -> types.put(column.getKey(), JsonValues.typeOf(column.getValue())));
		}
		long eventTime = recordTimestampMs;
		try {
			String ts = text(metadata, "timestamp");
			if (ts != null) {
				eventTime = timestamp(ts).toEpochMilli();
			}
		}
		catch (IllegalArgumentException ex) {
			// a control record is an announcement: its time is informative only
		}
		return Handled.accepted(CdcRecord.controlRecord(control, types), eventTime);
	}

	private CdcRecord.Table table(String name) {
		if (name == null) {
			return null;
		}
		if (name.equalsIgnoreCase(this.settings.carTable())) {
			return CdcRecord.Table.CAR;
		}
		return name.equalsIgnoreCase(this.settings.deviceTable()) ? CdcRecord.Table.DEVICE : null;
	}

	private static CdcRecord.Operation operation(String name) {
		if (name == null) {
			return null;
		}
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "load" -> CdcRecord.Operation.LOAD;
			case "insert" -> CdcRecord.Operation.INSERT;
			case "update" -> CdcRecord.Operation.UPDATE;
			case "delete" -> CdcRecord.Operation.DELETE;
			default -> null;
		};
	}

	/**
	 * DMS writes {@code 2026-12-01T10:15:30.123456Z}; a zone-less
	 * {@code 2026-12-01 10:15:30.123456} (as some DMS sources do) is read as UTC.
	 */
	static Instant timestamp(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("metadata.timestamp is missing");
		}
		String iso = text.trim().replace(' ', 'T');
		try {
			return OffsetDateTime.parse(iso).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				throw new IllegalArgumentException("metadata timestamp '" + text + "' is not ISO-8601");
			}
		}
	}

	/** A numeric transaction id orders changes within one commit time; others do not. */
	private static long transaction(JsonNode node) {
		if (node == null) {
			return 0;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return Math.max(0, node.longValue());
		}
		if (node.isString()) {
			try {
				return Math.max(0, Long.parseLong(node.stringValue().trim()));
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}
		return 0;
	}

	private static String text(JsonNode object, String field) {
		JsonNode node = object.get(field);
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	/** A key's text: a string as is, an integer in decimal; anything else is no key. */
	private static String scalarText(JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return Long.toString(node.longValue());
		}
		return null;
	}

	private static String describe(JsonNode node) {
		if (node == null || node.isMissingNode()) {
			return "missing";
		}
		String text = node.toString();
		return (text.length() > 80) ? text.substring(0, 80) + "..." : text;
	}

	private static Handled<CdcRecord> reject(CdcRejection reason, String detail) {
		return Handled.rejected(reason.code(), detail);
	}

}
