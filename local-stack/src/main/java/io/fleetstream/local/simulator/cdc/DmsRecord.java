package io.fleetstream.local.simulator.cdc;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * One change of a reference table as AWS DMS writes it to a Kafka target (JSON message
 * format, "IncludeTransactionDetails" on): {@code data} holds the row, {@code metadata}
 * what happened, {@code before-image} the row before an update when DMS is set to send
 * it.
 *
 * @param table the table, {@code carinfo} or {@code deviceinfo}
 * @param key the row's primary key, also the Kafka record key
 * @param operation {@code load}, {@code insert}, {@code update} or {@code delete}
 * @param row the row after the change (for delete: the row deleted)
 * @param beforeImage the row before an update, or {@code null}
 * @param timestamp when DMS read the change
 * @param transactionId the source transaction, or 0 for a full load
 */
public record DmsRecord(String table, String key, String operation, Map<String, Object> row,
		Map<String, Object> beforeImage, Instant timestamp, long transactionId) {

	public static final String SCHEMA = "fleet";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter MICROS = DateTimeFormatter.ISO_INSTANT;

	/** The Kafka record value. */
	public byte[] json() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("timestamp", MICROS.format(this.timestamp.truncatedTo(ChronoUnit.MICROS)));
		metadata.put("record-type", "data");
		metadata.put("operation", this.operation);
		metadata.put("partition-key-type", "primary-key");
		metadata.put("schema-name", SCHEMA);
		metadata.put("table-name", this.table);
		if (this.transactionId != 0) {
			metadata.put("transaction-id", this.transactionId);
			metadata.put("commit-timestamp", MICROS.format(this.timestamp.truncatedTo(ChronoUnit.MICROS)));
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("data", this.row);
		if (this.beforeImage != null) {
			message.put("before-image", this.beforeImage);
		}
		message.put("metadata", metadata);
		return JSON.writeValueAsBytes(message);
	}

	/** The topic DMS writes this table to in FleetStream's default naming. */
	public String topic() {
		return "cdc." + this.table;
	}

}
