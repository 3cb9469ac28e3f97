package io.fleetstream.common.gps;

import java.nio.charset.StandardCharsets;

/**
 * Writes a fix as the devices send it on {@code cars.gps.json}, the inverse of
 * {@link GpsFixParser}:
 * {@code {"lat":37.5665,"lng":126.978,"ts":1763800000123,"speed":42.5,"heading":180}},
 * keyed by the car id. Everything that produces fixes (the local stack's simulator, the
 * benchmark, the tests) writes them here, so they all speak the contract the parser
 * reads.
 * <p>
 * Values have a device's precision: coordinates 6 decimals (~0.1 m), speed and heading 1
 * decimal, trailing zeros dropped. {@code speed} and {@code heading} are left out when
 * unknown. Hand-written rather than through a JSON library, because the benchmark makes
 * millions and the shape is fixed.
 */
public final class GpsFixJson {

	private static final long COORDINATE_SCALE = 1_000_000;

	private static final long SPEED_HEADING_SCALE = 10;

	/** Beyond this a value times its scale is no longer an exact long in a double. */
	private static final double EXACT_LIMIT = 1L << 53;

	private GpsFixJson() {
	}

	/** The record value for {@code fix} (its key is {@link GpsFix#carId()}). */
	public static byte[] encode(GpsFix fix) {
		return encode(fix.lat(), fix.lng(), fix.ts(), fix.speedKmh(), fix.heading());
	}

	/**
	 * @param ts event time, epoch millis
	 * @param speedKmh speed in km/h, or {@code null} to leave it out
	 * @param heading degrees clockwise from north, or {@code null} to leave it out
	 * @throws IllegalArgumentException if a value is NaN or infinite (JSON has no such
	 * numbers)
	 */
	public static byte[] encode(double lat, double lng, long ts, Double speedKmh, Double heading) {
		StringBuilder json = new StringBuilder(96);
		json.append("{\"lat\":");
		appendRounded(json, "lat", lat, COORDINATE_SCALE);
		json.append(",\"lng\":");
		appendRounded(json, "lng", lng, COORDINATE_SCALE);
		json.append(",\"ts\":").append(ts);
		if (speedKmh != null) {
			json.append(",\"speed\":");
			appendRounded(json, "speed", speedKmh, SPEED_HEADING_SCALE);
		}
		if (heading != null) {
			json.append(",\"heading\":");
			appendRounded(json, "heading", heading, SPEED_HEADING_SCALE);
		}
		return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Appends {@code value} rounded to {@code 1 / scale} in plain decimal notation, e.g.
	 * {@code 37.5665} or {@code 180}; a value too large for that is written in full
	 * ({@link Double#toString}, valid JSON too).
	 */
	private static void appendRounded(StringBuilder json, String field, double value, long scale) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException(field + " must be a finite number, was " + value);
		}
		if (Math.abs(value) * scale >= EXACT_LIMIT) {
			json.append(value);
			return;
		}
		long scaled = Math.round(Math.abs(value) * scale);
		if (value < 0 && scaled != 0) {
			json.append('-');
		}
		json.append(scaled / scale);
		long fraction = scaled % scale;
		if (fraction != 0) {
			String digits = Long.toString(fraction + scale).substring(1);
			int end = digits.length();
			while (digits.charAt(end - 1) == '0') {
				end--;
			}
			json.append('.').append(digits, 0, end);
		}
	}

}
