package io.fleetstream.ingest.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A vehicle's recent track, newest fix first.
 *
 * @param carId the car id
 * @param count how many points follow
 * @param points the fixes, newest first
 */
@Schema(name = "VehicleTrack", description = "A vehicle's recent track, newest fix first")
record VehicleTrack(String carId, int count, List<TrackPoint> points) {

	VehicleTrack(String carId, List<TrackPoint> points) {
		this(carId, points.size(), List.copyOf(points));
	}

}
