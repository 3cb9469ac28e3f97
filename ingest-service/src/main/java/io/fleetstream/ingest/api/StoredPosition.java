package io.fleetstream.ingest.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.KeyValue;

/**
 * Reads a car's latest-position hash ({@code fleet:{s}:pos:<carId>}, see
 * {@code docs/redis-keys.md}).
 */
final class StoredPosition {

	/** The hash fields read, in the order {@link #toView} expects them. */
	static final byte[][] FIELDS = { bytes("lat"), bytes("lng"), bytes("ts"), bytes("speedKmh"), bytes("heading"),
			bytes("geo") };

	private StoredPosition() {
	}

	/**
	 * The API's view of the hash's fields, or empty when the car has no stored position.
	 */
	static Optional<VehiclePosition> toView(String carId, List<KeyValue<byte[], byte[]>> fields, Instant now) {
		String lat = field(fields, 0);
		String lng = field(fields, 1);
		String ts = field(fields, 2);
		if (lat == null || lng == null || ts == null) {
			return Optional.empty();
		}
		double latitude = Double.parseDouble(lat);
		Instant time = Instant.ofEpochMilli(Long.parseLong(ts));
		long ageSeconds = Math.max(0, Duration.between(time, now).toSeconds());
		String geo = field(fields, 5);
		boolean geoIndexed = (geo != null) ? "1".equals(geo) : Math.abs(latitude) <= SearchArea.GEO_LAT_LIMIT;
		return Optional.of(new VehiclePosition(carId, latitude, Double.parseDouble(lng), time.toEpochMilli(), time,
				optionalNumber(field(fields, 3)), optionalNumber(field(fields, 4)), ageSeconds, geoIndexed, null));
	}

	private static String field(List<KeyValue<byte[], byte[]>> fields, int index) {
		KeyValue<byte[], byte[]> field = fields.get(index);
		return field.hasValue() ? new String(field.getValue(), StandardCharsets.UTF_8) : null;
	}

	private static Double optionalNumber(String value) {
		return (value == null || value.isEmpty()) ? null : Double.valueOf(value);
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
