package io.fleetstream.common.gps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.fleetstream.common.pipeline.Handled;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Parses and validates one {@code cars.gps.json} record (DESIGN.md, "Topics"): only
 * {@code lat} and {@code lng} are required; {@code ts} is epoch millis or ISO-8601, else
 * the record timestamp; {@code speed} (km/h, also accepted as {@code speedKmh}) and
 * {@code heading} (degrees) are optional. A pure function of its inputs and the clock.
 */
public final class GpsFixParser {

	private final ObjectMapper mapper;

	private final Clock clock;

	private final long maxFutureSkewMs;

	public GpsFixParser(ObjectMapper mapper, Clock clock, Duration maxFutureSkew) {
		this.mapper = mapper;
		this.clock = clock;
		this.maxFutureSkewMs = maxFutureSkew.toMillis();
	}

	public Handled<GpsFix> parse(String carId, byte[] value, long recordTimestampMs) {
		if (carId == null || carId.isBlank()) {
			return reject(GpsRejection.MISSING_CAR_ID, "the record key (car id) is empty");
		}
		GpsJsonFields json;
		try {
			json = (value != null) ? GpsJsonFields.read(this.mapper, value) : null;
		}
		catch (JacksonException ex) {
			return reject(GpsRejection.MALFORMED_JSON, ex.getOriginalMessage());
		}
		if (json == null) {
			return reject(GpsRejection.NOT_AN_OBJECT, "the value is not a JSON object");
		}
		Handled<GpsFix> invalid = checkCoordinate("lat", json.lat, 90);
		if (invalid == null) {
			invalid = checkCoordinate("lng", json.lng, 180);
		}
		if (invalid != null) {
			return invalid;
		}
		double lat = json.lat.number();
		double lng = json.lng.number();
		if (lat == 0 && lng == 0) {
			return reject(GpsRejection.NULL_ISLAND, "lat and lng are both 0 (no GPS fix)");
		}
		long ts;
		try {
			ts = eventTime(json.ts, recordTimestampMs);
		}
		catch (IllegalArgumentException ex) {
			return reject(GpsRejection.INVALID_TIMESTAMP, ex.getMessage());
		}
		long now = this.clock.millis();
		if (ts > now + this.maxFutureSkewMs) {
			return reject(GpsRejection.FUTURE_TIMESTAMP, "ts " + Instant.ofEpochMilli(ts) + " is more than "
					+ Duration.ofMillis(this.maxFutureSkewMs) + " ahead of " + Instant.ofEpochMilli(now));
		}
		Double speed = optionalNumber(json.speed);
		if (speed != null && !(speed >= 0 && speed < Double.POSITIVE_INFINITY)) {
			return reject(GpsRejection.INVALID_SPEED, "speed must be a number >= 0, was " + json.speed);
		}
		Double heading = optionalNumber(json.heading);
		if (heading != null && !(heading >= 0 && heading <= 360)) {
			return reject(GpsRejection.INVALID_HEADING, "heading must be a number in [0, 360], was " + json.heading);
		}
		return Handled.accepted(new GpsFix(carId, lat, lng, ts, speed, heading, recordTimestampMs), ts);
	}

	private static Handled<GpsFix> checkCoordinate(String name, JsonField field, double bound) {
		if (field.isMissing()) {
			return reject(GpsRejection.MISSING_COORDINATE, name + " is missing");
		}
		if (!field.isNumber()) {
			return reject(GpsRejection.NON_NUMERIC_COORDINATE, name + " is not a number: " + field);
		}
		double value = field.number();
		if (!Double.isFinite(value)) {
			return reject(GpsRejection.NON_FINITE_COORDINATE, name + " is not finite: " + field);
		}
		if (value < -bound || value > bound) {
			GpsRejection reason = "lat".equals(name) ? GpsRejection.LATITUDE_OUT_OF_RANGE
					: GpsRejection.LONGITUDE_OUT_OF_RANGE;
			return reject(reason, name + " " + value + " is outside [-" + (int) bound + ", " + (int) bound + "]");
		}
		return null;
	}

	private static long eventTime(JsonField ts, long recordTimestampMs) {
		if (ts.isMissing()) {
			return recordTimestampMs;
		}
		if (ts.isNumber()) {
			double millis = ts.number();
			if (!Double.isFinite(millis) || millis <= 0 || millis > Long.MAX_VALUE) {
				throw new IllegalArgumentException("ts must be positive epoch millis, was " + ts);
			}
			return (long) millis;
		}
		if (ts.kind() == JsonField.Kind.STRING) {
			try {
				return OffsetDateTime.parse(ts.text()).toInstant().toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("ts is neither epoch millis nor ISO-8601: " + ts);
			}
		}
		throw new IllegalArgumentException("ts is neither epoch millis nor ISO-8601: " + ts);
	}

	private static Double optionalNumber(JsonField field) {
		if (field.isMissing()) {
			return null;
		}
		return field.isNumber() ? field.number() : Double.NaN;
	}

	private static Handled<GpsFix> reject(GpsRejection reason, String detail) {
		return Handled.rejected(reason.code(), detail);
	}

}
