package io.fleetstream.enrichment.schema;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A handled record whose attribute paths and types are learned per topic for
 * schema-change detection (docs/enriched-message.md). Telemetry values and CDC values
 * both implement it, so one schema loader serves every route.
 */
public interface SchemaSample {

	/**
	 * The record's leaf attribute paths (flattened as docs/enriched-message.md says; for
	 * CDC, the column names of {@code data}) and their JSON types.
	 */
	Map<String, JsonType> attributeTypes();

	/**
	 * Hands each of {@link #attributeTypes()} to the action, in the same order, without
	 * necessarily making the map (schema detection reads every record's).
	 */
	default void forEachAttributeType(BiConsumer<String, JsonType> action) {
		attributeTypes().forEach(action);
	}

	/** For a DMS control record, what it announces; {@code null} for data records. */
	default ControlRecord control() {
		return null;
	}

	/**
	 * A DMS control record (create-table, drop-table, add-column, drop-column,
	 * change-columns, ...): published as a schema change, never applied as data.
	 *
	 * @param operation the DMS {@code metadata.operation}
	 * @param schema the DMS {@code metadata.schema-name}
	 * @param table the DMS {@code metadata.table-name}
	 * @param metadata the whole DMS {@code metadata} object, JSON-native values
	 */
	record ControlRecord(String operation, String schema, String table, Map<String, Object> metadata) {
	}

}
