package io.fleetstream.alert.episodes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One {@code fleet.schema-changes.json} event (docs/enriched-message.md), as read by
 * {@link SchemaChangeHandler}: every text but the id is already bounded (paths come from
 * devices and are untrusted).
 *
 * @param id the change's deterministic id, as sent (the episode id is derived from it)
 * @param topic the topic the change was seen on
 * @param kind {@code NEW_PATH}, {@code TYPE_CHANGED} or {@code CONTROL}
 * @param path the flattened path or CDC column, {@code null} for {@code CONTROL}
 * @param oldType the type known before, else {@code null}
 * @param newType the type seen, else {@code null}
 * @param firstSeen epoch ms event time of the record that showed it
 * @param examplePartition that record's partition on {@code topic}, else {@code null}
 * @param exampleOffset its offset, else {@code null}
 * @param operation for {@code CONTROL}: the DMS operation (e.g. {@code add-column})
 * @param schema for {@code CONTROL}: the database schema
 * @param table for {@code CONTROL}: the table
 */
record SchemaChangeEvent(String id, String topic, String kind, @Nullable String path, @Nullable String oldType,
		@Nullable String newType, long firstSeen, @Nullable Long examplePartition, @Nullable Long exampleOffset,
		@Nullable String operation, @Nullable String schema, @Nullable String table) {

	/**
	 * The event's fields that are set, by name: the outlier record's {@code values} and,
	 * prefixed with {@code change.}, what the rule's templates may name.
	 */
	Map<String, Object> values() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("id", SchemaChangeHandler.bounded(this.id));
		values.put("topic", this.topic);
		values.put("kind", this.kind);
		putIfSet(values, "path", this.path);
		putIfSet(values, "oldType", this.oldType);
		putIfSet(values, "newType", this.newType);
		values.put("firstSeen", this.firstSeen);
		putIfSet(values, "examplePartition", this.examplePartition);
		putIfSet(values, "exampleOffset", this.exampleOffset);
		putIfSet(values, "operation", this.operation);
		putIfSet(values, "schema", this.schema);
		putIfSet(values, "table", this.table);
		return values;
	}

	/**
	 * One line for people, e.g. "new path engine.oil.pressureKpa (number)", "engine.on
	 * retyped from boolean to string", "DMS add-column on fleet.carinfo".
	 */
	String summary() {
		return switch (this.kind) {
			case "NEW_PATH" -> "new path " + this.path + " (" + orNone(this.newType) + ")";
			case "TYPE_CHANGED" -> this.path + " retyped from " + orNone(this.oldType) + " to " + orNone(this.newType);
			default -> "DMS " + orNone(this.operation) + " on " + orNone(this.schema) + "." + orNone(this.table);
		};
	}

	private static String orNone(@Nullable String text) {
		return (text != null) ? text : "none";
	}

	private static void putIfSet(Map<String, Object> values, String name, @Nullable Object value) {
		if (value != null) {
			values.put(name, value);
		}
	}

}
