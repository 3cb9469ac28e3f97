package io.fleetstream.enrichment.snapshot;

/**
 * Why a CDC record was rejected (dead-lettered). The codes are metric tags and
 * dead-letter headers: keep them stable.
 */
enum CdcRejection {

	/** The value is not JSON at all (or empty). */
	MALFORMED_JSON("malformed-json"),
	/** Valid JSON, but not an object. */
	NOT_AN_OBJECT("not-an-object"),
	/** No {@code metadata} object. */
	MISSING_METADATA("missing-metadata"),
	/** A data record without a {@code data} object. */
	MISSING_DATA("missing-data"),
	/** {@code metadata.record-type} is neither {@code data} nor {@code control}. */
	UNKNOWN_RECORD_TYPE("unknown-record-type"),
	/** A data record whose operation is not load, insert, update or delete. */
	UNKNOWN_OPERATION("unknown-operation"),
	/** A data record of a table the snapshot is not built from. */
	UNKNOWN_TABLE("unknown-table"),
	/** The row's primary-key column is absent, null, or not a string or number. */
	MISSING_KEY_COLUMN("missing-key-column"),
	/** The device's join column (its car) is not a string or number. */
	INVALID_JOIN_COLUMN("invalid-join-column"),
	/**
	 * A car row's key, or a device row's join column, breaks FleetStream's car-id rule
	 * ({@code CarIds}): telemetry of such a car is dead-lettered at ingest, so its entry
	 * could never be joined, and its id would reach Redis keys and the API unchecked.
	 */
	INVALID_CAR_ID("invalid-car-id"),
	/** {@code timestamp} (or {@code commit-timestamp}) absent or not ISO-8601. */
	INVALID_TIMESTAMP("invalid-timestamp");

	private final String code;

	CdcRejection(String code) {
		this.code = code;
	}

	String code() {
		return this.code;
	}

}
