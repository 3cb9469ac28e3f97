package io.fleetstream.ingest.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A vehicle's latest stored position, as served by the API.
 *
 * @param carId the car id (the Kafka record key)
 * @param lat latitude in degrees
 * @param lng longitude in degrees
 * @param ts event time of the fix, epoch milliseconds
 * @param time the same event time as ISO-8601
 * @param speedKmh speed in km/h, absent when the device did not send it
 * @param heading heading in degrees clockwise from north, absent when not sent
 * @param ageSeconds seconds between the fix's event time and now (0 for a fix from a
 * clock ahead of ours)
 * @param geoIndexed whether the position is in the geo index (false beyond ±85.05112878°
 * latitude, which Redis cannot index)
 * @param distanceM distance from the search centre in metres; only in search results
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "VehiclePosition", description = "A vehicle's latest position")
record VehiclePosition(@Schema(example = "car-0042") String carId, @Schema(example = "37.5665") double lat,
		@Schema(example = "126.978") double lng, @Schema(example = "1763800000123") long ts,
		@Schema(example = "2025-11-22T08:26:40.123Z") Instant time,
		@Schema(example = "42.5", nullable = true) Double speedKmh,
		@Schema(example = "180", nullable = true) Double heading, @Schema(example = "3") long ageSeconds,
		boolean geoIndexed, @Schema(example = "152.3", nullable = true,
				description = "Distance from the search centre (only in search results)") Double distanceM) {

	VehiclePosition withDistance(double distanceM) {
		return new VehiclePosition(this.carId, this.lat, this.lng, this.ts, this.time, this.speedKmh, this.heading,
				this.ageSeconds, this.geoIndexed, distanceM);
	}

}
