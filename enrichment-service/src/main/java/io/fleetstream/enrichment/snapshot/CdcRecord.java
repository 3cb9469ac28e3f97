package io.fleetstream.enrichment.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetstream.enrichment.schema.JsonType;
import io.fleetstream.enrichment.schema.SchemaSample;

/**
 * One validated AWS DMS record of the car or device table: a row change (load, insert,
 * update, delete) or a control record (create-table, add-column, ...), which is never
 * applied as data.
 *
 * @param table which table the row belongs to ({@code null} for a control record)
 * @param operation the row change ({@code null} for a control record)
 * @param key the row's primary key, as text ({@code null} for a control record)
 * @param carId the car the row belongs to: the key of a car row, the join column of a
 * device row ({@code null} when the device is installed in no car, and for control
 * records)
 * @param columns the {@code data} columns in their order, JSON-native values
 * ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}; a nested
 * object or array as its JSON text)
 * @param attributeTypes the JSON type of each {@code data} column
 * @param version where the record stands in its row's history ({@code null} for control)
 * @param control what a control record announces ({@code null} for data records)
 */
public record CdcRecord(Table table, Operation operation, String key, String carId, Map<String, Object> columns,
		Map<String, JsonType> attributeTypes, RowVersion version, ControlRecord control) implements SchemaSample {

	public CdcRecord {
		// null values are columns too (they decide how colliding names are prefixed)
		columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
		attributeTypes = Map.copyOf(attributeTypes);
	}

	static CdcRecord row(Table table, Operation operation, String key, String carId, Map<String, Object> columns,
			Map<String, JsonType> attributeTypes, RowVersion version) {
		return new CdcRecord(table, operation, key, carId, columns, attributeTypes, version, null);
	}

	static CdcRecord controlRecord(ControlRecord control, Map<String, JsonType> attributeTypes) {
		return new CdcRecord(null, null, null, null, Map.of(), attributeTypes, null, control);
	}

	public boolean isControl() {
		return this.control != null;
	}

	/** The two tables the snapshot is built from. */
	public enum Table {

		CAR("carinfo"), DEVICE("deviceinfo");

		private final String prefix;

		Table(String prefix) {
			this.prefix = prefix;
		}

		/**
		 * How a column of this table is named in a car's attributes where both tables
		 * have it ({@code carinfo.} / {@code deviceinfo.}, docs/enriched-message.md).
		 */
		public String prefix() {
			return this.prefix;
		}

	}

	/** The DMS data operations. */
	public enum Operation {

		LOAD, INSERT, UPDATE, DELETE;

		public boolean isDelete() {
			return this == DELETE;
		}

		/** The DMS spelling, also the metric tag. */
		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
