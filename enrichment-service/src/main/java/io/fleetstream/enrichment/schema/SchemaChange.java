package io.fleetstream.enrichment.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code fleet.schema-changes.json} event (docs/enriched-message.md).
 *
 * @param id the deterministic id consumers de-duplicate on
 * @param topic the topic the change was seen on
 * @param kind what changed
 * @param path the flattened path, {@code null} for {@code CONTROL}
 * @param oldType the type known before, {@code null} for a new path or a control record
 * @param newType the type seen, {@code null} for a control record
 * @param firstSeen event time (epoch ms) of the record that showed it
 * @param partition the record's partition on {@code topic}
 * @param offset the record's offset
 * @param control the DMS control record, for {@code CONTROL}
 */
public record SchemaChange(String id, String topic, Kind kind, String path, JsonType oldType, JsonType newType,
		long firstSeen, int partition, long offset, SchemaSample.ControlRecord control) {

	public enum Kind {

		NEW_PATH, TYPE_CHANGED, CONTROL

	}

	public static SchemaChange ofPath(String topic, String path, JsonType oldType, JsonType newType, long firstSeen,
			int partition, long offset) {
		return new SchemaChange(topic + '|' + path + '|' + newType.wireName(), topic,
				(oldType == null) ? Kind.NEW_PATH : Kind.TYPE_CHANGED, path, oldType, newType, firstSeen, partition,
				offset, null);
	}

	public static SchemaChange ofControl(String topic, SchemaSample.ControlRecord control, long firstSeen,
			int partition, long offset) {
		return new SchemaChange(topic + "|control|" + partition + '|' + offset, topic, Kind.CONTROL, null, null, null,
				firstSeen, partition, offset, control);
	}

	/** The event as JSON-native values, in the contract's field order. */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", this.id);
		json.put("topic", this.topic);
		json.put("kind", this.kind.name());
		json.put("path", this.path);
		json.put("oldType", (this.oldType != null) ? this.oldType.wireName() : null);
		json.put("newType", (this.newType != null) ? this.newType.wireName() : null);
		json.put("firstSeen", this.firstSeen);
		json.put("example", Map.of("partition", this.partition, "offset", this.offset));
		if (this.control == null) {
			json.put("control", null);
		}
		else {
			Map<String, Object> control = new LinkedHashMap<>();
			control.put("operation", this.control.operation());
			control.put("schema", this.control.schema());
			control.put("table", this.control.table());
			control.put("metadata", this.control.metadata());
			json.put("control", control);
		}
		return json;
	}

}
