package io.fleetstream.common.gps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.fleetstream.common.CarIds;
import io.fleetstream.common.pipeline.Handled;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Parses and validates one {@code cars.gps.json} record (DESIGN.md, "Topics"): only
 * {@code lat} and {@code lng} are required; {@code ts} is epoch millis or ISO-8601, else
 * the record timestamp; {@code speed} (km/h, also accepted as {@code speedKmh}) and
 * {@code heading} (degrees) are optional. A pure function of its inputs and the clock.
 * <p>
 * Ambiguous or implausible input is rejected rather than guessed at: a key that breaks
 * {@link CarIds the car-id rule}, a name given twice, a numeric {@code ts} that is
 * evidently in seconds (it would be stored as January 1970), an event time further behind
 * the record's own Kafka timestamp than {@code maxPastSkew} or further ahead of the clock
 * than {@code maxFutureSkew}.
 */
public final class GpsFixParser {

	private final ObjectMapper mapper;

	private final Clock clock;

	/**
	 * Numeric {@code ts} values from this (2001-09-09 in epoch seconds) up to
	 * {@link #MAX_EPOCH_SECONDS} are taken to be epoch seconds sent by mistake: as millis
	 * they would be January 1970 to March 1973.
	 */
	static final long MIN_EPOCH_SECONDS = 1_000_000_000L;

	/** 5138-11-16 in epoch seconds, 1973-03-03 in epoch millis. */
	static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

	/** The default of {@code fleet.gps.max-past-skew}. */
	public static final Duration DEFAULT_MAX_PAST_SKEW = Duration.ofDays(7);

	private final long maxFutureSkewMs;

	private final long maxPastSkewMs;

	public GpsFixParser(ObjectMapper mapper, Clock clock, Duration maxFutureSkew) {
		this(mapper, clock, maxFutureSkew, DEFAULT_MAX_PAST_SKEW);
	}

	public GpsFixParser(ObjectMapper mapper, Clock clock, Duration maxFutureSkew, Duration maxPastSkew) {
		this.mapper = mapper;
		this.clock = clock;
		this.maxFutureSkewMs = maxFutureSkew.toMillis();
		this.maxPastSkewMs = maxPastSkew.toMillis();
	}

	public Handled<GpsFix> parse(String carId, byte[] value, long recordTimestampMs) {
		if (carId == null || carId.isBlank()) {
			return reject(GpsRejection.MISSING_CAR_ID, "the record key (car id) is empty");
		}
		if (!CarIds.isValid(carId)) {
			return reject(GpsRejection.INVALID_CAR_ID, "the record key (car id) must be " + CarIds.RULE);
		}
		GpsJsonFields json;
		try {
			json = (value != null) ? GpsJsonFields.read(this.mapper, value) : null;
		}
		catch (GpsJsonFields.DuplicateKeyException ex) {
			return reject(GpsRejection.DUPLICATE_KEY, "\"" + ex.name() + "\" is given more than once");
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
		if (ts >= MIN_EPOCH_SECONDS && ts < MAX_EPOCH_SECONDS && json.ts.isNumber()) {
			return reject(GpsRejection.TIMESTAMP_IN_SECONDS, "ts " + json.ts + " would be " + Instant.ofEpochMilli(ts)
					+ ": it looks like epoch seconds, ts must be epoch millis");
		}
		long now = this.clock.millis();
		if (ts > now + this.maxFutureSkewMs) {
			return reject(GpsRejection.FUTURE_TIMESTAMP, "ts " + Instant.ofEpochMilli(ts) + " is more than "
					+ Duration.ofMillis(this.maxFutureSkewMs) + " ahead of " + Instant.ofEpochMilli(now));
		}
		// a record without a timestamp (-1, from old clients) has nothing to compare with
		if (recordTimestampMs >= 0 && ts < recordTimestampMs - this.maxPastSkewMs) {
			return reject(GpsRejection.PAST_TIMESTAMP,
					"ts " + Instant.ofEpochMilli(ts) + " is more than " + Duration.ofMillis(this.maxPastSkewMs)
							+ " behind the record's timestamp " + Instant.ofEpochMilli(recordTimestampMs));
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
			catch (DateTimeParseException | ArithmeticException ex) {
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
