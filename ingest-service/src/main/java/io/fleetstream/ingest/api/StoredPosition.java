package io.fleetstream.ingest.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.fleetstream.ingest.position.PackedPosition;

/**
 * Reads a car's entry in its shard's positions hash ({@code fleet:{s}:pos}, field = car
 * id, value = {@link PackedPosition}; see {@code docs/redis-keys.md}).
 */
final class StoredPosition {

	private StoredPosition() {
	}

	/**
	 * The API's view of the stored value, or empty when the car has no stored position.
	 */
	static Optional<VehiclePosition> toView(String carId, byte[] value, Instant now) {
		if (value == null) {
			return Optional.empty();
		}
		PackedPosition position = PackedPosition.decode(value);
		Instant time = Instant.ofEpochMilli(position.ts());
		long ageSeconds = Math.max(0, Duration.between(time, now).toSeconds());
		// the writer geo-indexes exactly the fixes within this latitude
		boolean geoIndexed = Math.abs(position.lat()) <= SearchArea.GEO_LAT_LIMIT;
		return Optional.of(new VehiclePosition(carId, position.lat(), position.lng(), position.ts(), time,
				position.speedKmh(), position.heading(), ageSeconds, geoIndexed, null));
	}

	/** The stored value as the newest point of the car's track. */
	static TrackPoint toTrackPoint(byte[] value) {
		PackedPosition position = PackedPosition.decode(value);
		return new TrackPoint(position.ts(), Instant.ofEpochMilli(position.ts()), position.lat(), position.lng(),
				position.speedKmh(), position.heading());
	}

}
