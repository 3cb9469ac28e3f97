package io.fleetstream.ingest.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read side of the position store, as the REST API needs it. Parameters arrive
 * validated.
 */
interface FleetQueries {

	Optional<VehiclePosition> vehicle(String carId);

	/**
	 * Vehicles in the area, nearest to its centre first, each with its distance from the
	 * centre; at most {@code limit}.
	 */
	List<VehiclePosition> search(SearchArea area, int limit);

	/**
	 * The car's recent track, newest first, from {@code since} (inclusive, or all kept
	 * points when {@code null}); empty when the car is unknown.
	 */
	Optional<List<TrackPoint>> track(String carId, Instant since, int limit);

	FleetSummary summary(Duration reportingWindow);

}
