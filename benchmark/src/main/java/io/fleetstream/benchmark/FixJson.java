package io.fleetstream.benchmark;

import java.nio.charset.StandardCharsets;

/**
 * Encodes a fix as the device JSON of {@code cars.gps.json}, e.g.
 * {@code {"lat":37.566500,"lng":126.978000,"ts":1763800000123,"speed":42.5,"heading":180}}.
 * Hand-written because millions are made before a run and the format is fixed.
 */
final class FixJson {

	private FixJson() {
	}

	static byte[] encode(double lat, double lng, long ts, double speedKmh, int heading) {
		StringBuilder json = new StringBuilder(96);
		json.append("{\"lat\":");
		appendFixed(json, lat, 1_000_000, 6);
		json.append(",\"lng\":");
		appendFixed(json, lng, 1_000_000, 6);
		json.append(",\"ts\":").append(ts).append(",\"speed\":");
		appendFixed(json, speedKmh, 10, 1);
		json.append(",\"heading\":").append(heading).append('}');
		return json.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static void appendFixed(StringBuilder json, double value, long scale, int decimals) {
		long scaled = Math.round(Math.abs(value) * scale);
		if (value < 0 && scaled != 0) {
			json.append('-');
		}
		json.append(scaled / scale).append('.');
		String fraction = Long.toString(scaled % scale);
		json.append("0".repeat(decimals - fraction.length())).append(fraction);
	}

}
