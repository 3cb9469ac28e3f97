package io.fleetstream.local.simulator;

import java.nio.charset.StandardCharsets;

import io.fleetstream.common.gps.GpsFixJson;
import io.fleetstream.common.gps.GpsRejection;

/**
 * The kinds of broken record a real fleet sends now and then, one per
 * {@link GpsRejection} reason of ingest-service. Mixed into the simulated traffic at a
 * small configurable rate ({@link SimulatedRecords}), they show the dead-letter topic and
 * the rejection metrics at work. A new rejection reason needs a kind here:
 * {@code SimulatedFixesTests} fails until every reason is shown.
 */
enum BadFix {

	/** A valid fix without its key. */
	MISSING_CAR_ID(GpsRejection.MISSING_CAR_ID, (car, nowMs) -> SimulatedRecords.fix(car).value()),

	/** A key the car-id rule refuses (markup in it), as a hostile device might send. */
	INVALID_CAR_ID(GpsRejection.INVALID_CAR_ID, (car, nowMs) -> SimulatedRecords.fix(car).value()),

	/** The same key twice: which latitude is meant is ambiguous. */
	DUPLICATE_KEY(GpsRejection.DUPLICATE_KEY,
			(car, nowMs) -> text(
					"{\"lat\":95,\"lat\":" + car.lat() + ",\"lng\":" + car.lng() + ",\"ts\":" + car.ts() + "}")),

	MALFORMED_JSON(GpsRejection.MALFORMED_JSON, (car, nowMs) -> text("{\"lat\":" + car.lat() + ",\"lng\":")),

	NOT_AN_OBJECT(GpsRejection.NOT_AN_OBJECT,
			(car, nowMs) -> text("[" + car.lat() + "," + car.lng() + "," + car.ts() + "]")),

	MISSING_COORDINATE(GpsRejection.MISSING_COORDINATE,
			(car, nowMs) -> text("{\"lat\":" + car.lat() + ",\"ts\":" + car.ts() + "}")),

	NON_NUMERIC_COORDINATE(GpsRejection.NON_NUMERIC_COORDINATE,
			(car, nowMs) -> text("{\"lat\":\"north\",\"lng\":" + car.lng() + ",\"ts\":" + car.ts() + "}")),

	/** Valid JSON whose longitude overflows a double. */
	NON_FINITE_COORDINATE(GpsRejection.NON_FINITE_COORDINATE,
			(car, nowMs) -> text("{\"lat\":" + car.lat() + ",\"lng\":1e999,\"ts\":" + car.ts() + "}")),

	LATITUDE_OUT_OF_RANGE(GpsRejection.LATITUDE_OUT_OF_RANGE,
			(car, nowMs) -> GpsFixJson.encode(91.5, car.lng(), car.ts(), car.speedKmh(), null)),

	LONGITUDE_OUT_OF_RANGE(GpsRejection.LONGITUDE_OUT_OF_RANGE,
			(car, nowMs) -> GpsFixJson.encode(car.lat(), 181.25, car.ts(), car.speedKmh(), null)),

	NULL_ISLAND(GpsRejection.NULL_ISLAND, (car, nowMs) -> GpsFixJson.encode(0, 0, car.ts(), null, null)),

	INVALID_TIMESTAMP(GpsRejection.INVALID_TIMESTAMP,
			(car, nowMs) -> text("{\"lat\":" + car.lat() + ",\"lng\":" + car.lng() + ",\"ts\":\"yesterday\"}")),

	/** A device clock that sends epoch seconds instead of milliseconds. */
	TIMESTAMP_IN_SECONDS(GpsRejection.TIMESTAMP_IN_SECONDS,
			(car, nowMs) -> GpsFixJson.encode(car.lat(), car.lng(), car.ts() / 1000, car.speedKmh(), null)),

	/** Eight days behind the record's own timestamp: a device with a reset clock. */
	PAST_TIMESTAMP(GpsRejection.PAST_TIMESTAMP,
			(car, nowMs) -> GpsFixJson.encode(car.lat(), car.lng(), nowMs - 8 * 86_400_000L, car.speedKmh(), null)),

	/**
	 * An hour ahead of the simulator's clock, far beyond ingest-service's allowed skew.
	 */
	FUTURE_TIMESTAMP(GpsRejection.FUTURE_TIMESTAMP,
			(car, nowMs) -> GpsFixJson.encode(car.lat(), car.lng(), nowMs + 3_600_000, car.speedKmh(), null)),

	INVALID_SPEED(GpsRejection.INVALID_SPEED,
			(car, nowMs) -> GpsFixJson.encode(car.lat(), car.lng(), car.ts(), -12.5, null)),

	INVALID_HEADING(GpsRejection.INVALID_HEADING,
			(car, nowMs) -> GpsFixJson.encode(car.lat(), car.lng(), car.ts(), car.speedKmh(), 400.0));

	private final GpsRejection rejection;

	private final Value value;

	BadFix(GpsRejection rejection, Value value) {
		this.rejection = rejection;
		this.value = value;
	}

	/** The validation rule of ingest-service this kind breaks. */
	GpsRejection rejection() {
		return this.rejection;
	}

	/** This kind of broken record for {@code car}'s current fix. */
	SimulatedRecord record(GpsSample car, long nowMs) {
		String key = switch (this) {
			case MISSING_CAR_ID -> "";
			case INVALID_CAR_ID -> "<" + car.carId() + ">";
			default -> car.carId();
		};
		return new SimulatedRecord(key, this.value.of(car, nowMs));
	}

	private static byte[] text(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	private interface Value {

		byte[] of(GpsSample car, long nowMs);

	}

}
