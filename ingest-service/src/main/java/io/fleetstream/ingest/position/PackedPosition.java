package io.fleetstream.ingest.position;

import java.nio.charset.StandardCharsets;

import io.fleetstream.common.gps.GpsFix;

/**
 * A fix packed into one value, {@code ts,lat,lng,speedKmh,heading} (speedKmh and heading
 * empty when the device did not send them): a car's entry in its shard's positions hash
 * and a point of its track ({@code docs/redis-keys.md}). One value per car instead of a
 * hash of fields per car is what lets one {@code HSET} per shard and call store a whole
 * batch, and one {@code HMGET} per shard read a whole search answer.
 *
 * @param ts event time, epoch millis
 * @param lat latitude
 * @param lng longitude
 * @param speedKmh speed, or {@code null}
 * @param heading heading, or {@code null}
 */
public record PackedPosition(long ts, double lat, double lng, Double speedKmh, Double heading) {

	/** The value of a fix, as the script stores it. */
	public static byte[] encode(GpsFix fix) {
		return encode(fix, Double.toString(fix.lat()), Double.toString(fix.lng()));
	}

	/**
	 * The value of a fix whose coordinates the caller has already formatted (with
	 * {@link Double#toString(double)}), so they are formatted once per fix.
	 */
	static byte[] encode(GpsFix fix, String lat, String lng) {
		StringBuilder value = new StringBuilder(48);
		value.append(fix.ts()).append(',').append(lat).append(',').append(lng).append(',');
		if (fix.speedKmh() != null) {
			value.append(fix.speedKmh().doubleValue());
		}
		value.append(',');
		if (fix.heading() != null) {
			value.append(fix.heading().doubleValue());
		}
		return ascii(value);
	}

	/**
	 * Parses a stored value.
	 * @throws IllegalStateException if it is not one
	 */
	public static PackedPosition decode(byte[] value) {
		return decode(new String(value, StandardCharsets.US_ASCII));
	}

	/**
	 * Parses a stored value.
	 * @throws IllegalStateException if it is not one
	 */
	public static PackedPosition decode(String value) {
		String[] fields = value.split(",", -1);
		if (fields.length != 5) {
			throw new IllegalStateException("Malformed position value '" + value + "'");
		}
		return new PackedPosition(Long.parseLong(fields[0]), Double.parseDouble(fields[1]),
				Double.parseDouble(fields[2]), optional(fields[3]), optional(fields[4]));
	}

	private static Double optional(String field) {
		return field.isEmpty() ? null : Double.valueOf(field);
	}

	private static byte[] ascii(CharSequence text) {
		byte[] bytes = new byte[text.length()];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) text.charAt(i);
		}
		return bytes;
	}

}
