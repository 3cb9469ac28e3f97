package io.fleetstream.ingest.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One fix of a vehicle's recent track.
 *
 * @param ts event time, epoch milliseconds
 * @param time the same as ISO-8601
 * @param lat latitude in degrees
 * @param lng longitude in degrees
 * @param speedKmh speed in km/h, absent when not sent
 * @param heading heading in degrees, absent when not sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TrackPoint")
record TrackPoint(@Schema(example = "1763800000123") long ts,
		@Schema(example = "2025-11-22T08:26:40.123Z") Instant time, @Schema(example = "37.5665") double lat,
		@Schema(example = "126.978") double lng, @Schema(nullable = true, example = "42.5") Double speedKmh,
		@Schema(nullable = true, example = "180") Double heading) {

	/**
	 * Parses a track member {@code ts,lat,lng,speedKmh,heading} (empty fields when not
	 * sent), as documented in {@code docs/redis-keys.md}.
	 */
	static TrackPoint parse(String member) {
		String[] fields = member.split(",", -1);
		if (fields.length != 5) {
			throw new IllegalStateException("Malformed track member '" + member + "'");
		}
		long ts = Long.parseLong(fields[0]);
		return new TrackPoint(ts, Instant.ofEpochMilli(ts), Double.parseDouble(fields[1]),
				Double.parseDouble(fields[2]), optional(fields[3]), optional(fields[4]));
	}

	private static Double optional(String field) {
		return field.isEmpty() ? null : Double.valueOf(field);
	}

}
