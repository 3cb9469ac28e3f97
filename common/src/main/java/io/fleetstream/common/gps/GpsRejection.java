package io.fleetstream.common.gps;

/**
 * Why a GPS record was rejected. The codes are metric tags and dead-letter headers: keep
 * them stable.
 */
public enum GpsRejection {

	MISSING_CAR_ID("missing-car-id"), INVALID_CAR_ID("invalid-car-id"), MALFORMED_JSON("malformed-json"),
	DUPLICATE_KEY("duplicate-key"), NOT_AN_OBJECT("not-an-object"), MISSING_COORDINATE("missing-coordinate"),
	NON_NUMERIC_COORDINATE("non-numeric-coordinate"), NON_FINITE_COORDINATE("non-finite-coordinate"),
	LATITUDE_OUT_OF_RANGE("latitude-out-of-range"), LONGITUDE_OUT_OF_RANGE("longitude-out-of-range"),
	NULL_ISLAND("null-island"), INVALID_TIMESTAMP("invalid-timestamp"), TIMESTAMP_IN_SECONDS("timestamp-in-seconds"),
	FUTURE_TIMESTAMP("future-timestamp"), PAST_TIMESTAMP("past-timestamp"), INVALID_SPEED("invalid-speed"),
	INVALID_HEADING("invalid-heading");

	private final String code;

	GpsRejection(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
