package io.fleetstream.common.gps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.fleetstream.common.pipeline.Handled;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
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
		JsonNode json;
		try {
			json = (value != null) ? this.mapper.readTree(value) : null;
		}
		catch (JacksonException ex) {
			return reject(GpsRejection.MALFORMED_JSON, ex.getOriginalMessage());
		}
		if (json == null || !json.isObject()) {
			return reject(GpsRejection.NOT_AN_OBJECT, "the value is not a JSON object");
		}
		Handled<GpsFix> invalid = checkCoordinate(json, "lat", 90);
		if (invalid == null) {
			invalid = checkCoordinate(json, "lng", 180);
		}
		if (invalid != null) {
			return invalid;
		}
		double lat = json.get("lat").doubleValue();
		double lng = json.get("lng").doubleValue();
		if (lat == 0 && lng == 0) {
			return reject(GpsRejection.NULL_ISLAND, "lat and lng are both 0 (no GPS fix)");
		}
		long ts;
		try {
			ts = eventTime(json.get("ts"), recordTimestampMs);
		}
		catch (IllegalArgumentException ex) {
			return reject(GpsRejection.INVALID_TIMESTAMP, ex.getMessage());
		}
		long latest = this.clock.millis() + this.maxFutureSkewMs;
		if (ts > latest) {
			return reject(GpsRejection.FUTURE_TIMESTAMP,
					"ts " + Instant.ofEpochMilli(ts) + " is more than " + Duration.ofMillis(this.maxFutureSkewMs)
							+ " ahead of " + Instant.ofEpochMilli(this.clock.millis()));
		}
		JsonNode speedNode = json.has("speed") ? json.get("speed") : json.get("speedKmh");
		Double speed = optionalNumber(speedNode);
		if (speed != null && (speed.isNaN() || speed < 0 || speed.isInfinite())) {
			return reject(GpsRejection.INVALID_SPEED, "speed must be a number >= 0, was " + speedNode);
		}
		Double heading = optionalNumber(json.get("heading"));
		if (heading != null && !(heading >= 0 && heading <= 360)) {
			return reject(GpsRejection.INVALID_HEADING,
					"heading must be a number in [0, 360], was " + json.get("heading"));
		}
		return Handled.accepted(new GpsFix(carId, lat, lng, ts, speed, heading, recordTimestampMs), ts);
	}

	private static Handled<GpsFix> checkCoordinate(JsonNode json, String name, double bound) {
		JsonNode node = json.get(name);
		if (node == null || node.isNull()) {
			return reject(GpsRejection.MISSING_COORDINATE, name + " is missing");
		}
		if (!node.isNumber()) {
			return reject(GpsRejection.NON_NUMERIC_COORDINATE, name + " is not a number: " + node);
		}
		double value = node.doubleValue();
		if (!Double.isFinite(value)) {
			return reject(GpsRejection.NON_FINITE_COORDINATE, name + " is not finite: " + node);
		}
		if (value < -bound || value > bound) {
			GpsRejection reason = "lat".equals(name) ? GpsRejection.LATITUDE_OUT_OF_RANGE
					: GpsRejection.LONGITUDE_OUT_OF_RANGE;
			return reject(reason, name + " " + value + " is outside [-" + (int) bound + ", " + (int) bound + "]");
		}
		return null;
	}

	private static long eventTime(JsonNode ts, long recordTimestampMs) {
		if (ts == null || ts.isNull()) {
			return recordTimestampMs;
		}
		if (ts.isNumber()) {
			double millis = ts.doubleValue();
			if (!Double.isFinite(millis) || millis <= 0 || millis > Long.MAX_VALUE) {
				throw new IllegalArgumentException("ts must be positive epoch millis, was " + ts);
			}
			return (long) millis;
		}
		if (ts.isString()) {
			try {
				return OffsetDateTime.parse(ts.stringValue()).toInstant().toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("ts is neither epoch millis nor ISO-8601: " + ts);
			}
		}
		throw new IllegalArgumentException("ts is neither epoch millis nor ISO-8601: " + ts);
	}

	private static Double optionalNumber(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		return node.isNumber() ? node.doubleValue() : Double.NaN;
	}

	private static Handled<GpsFix> reject(GpsRejection reason, String detail) {
		return Handled.rejected(reason.code(), detail);
	}

}
