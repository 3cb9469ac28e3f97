package io.fleetstream.ingest.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fleetstream.ingest.IngestProperties;

/**
 * Vehicle positions: one car, a search around a point or in a box, a car's recent track.
 * Each answers JSON, or GeoJSON when the client accepts {@code application/geo+json}.
 */
@RestController
@RequestMapping("/api/v1/vehicles")
@Tag(name = "Vehicles", description = "Latest positions, searches and recent tracks")
@ProblemResponses
class VehicleController {

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	private final FleetQueries queries;

	private final ApiParameters parameters;

	VehicleController(FleetQueries queries, IngestProperties properties) {
		this.queries = queries;
		this.parameters = new ApiParameters(properties.api());
	}

	@Operation(summary = "A vehicle's latest position", operationId = "getVehicle")
	@GetMapping(path = "/{id}", produces = JSON)
	VehiclePosition vehicle(@Parameter(description = "Car id", example = "car-0042") @PathVariable String id) {
		String carId = this.parameters.carId(id);
		return this.queries.vehicle(carId).orElseThrow(() -> new VehicleNotFoundException(carId));
	}

	@Operation(summary = "A vehicle's latest position", operationId = "getVehicle")
	@GetMapping(path = "/{id}", produces = GeoJson.MEDIA_TYPE)
	GeoJson.Feature vehicleAsGeoJson(@PathVariable String id) {
		return GeoJson.vehicle(vehicle(id));
	}

	@Operation(summary = "Vehicles around a point or inside a box, nearest first", operationId = "searchVehicles",
			description = "Give either lat, lng and radiusM (vehicles within radiusM metres, nearest first) or bbox "
					+ "(vehicles inside the box, nearest to its centre first). distanceM is the distance from the "
					+ "point or from the box centre.")
	@GetMapping(produces = JSON)
	VehicleList search(@ParameterObject SearchParameters search) {
		return new VehicleList(find(search));
	}

	@Operation(summary = "Vehicles around a point or inside a box, nearest first", operationId = "searchVehicles")
	@GetMapping(produces = GeoJson.MEDIA_TYPE)
	GeoJson.FeatureCollection searchAsGeoJson(@ParameterObject SearchParameters search) {
		return GeoJson.vehicles(find(search));
	}

	@Operation(summary = "A vehicle's recent track, newest fix first", operationId = "getVehicleTrack",
			description = "The kept fixes are bounded by fleet.ingest.track.max-points and max-age.")
	@GetMapping(path = "/{id}/track", produces = JSON)
	VehicleTrack track(@Parameter(description = "Car id", example = "car-0042") @PathVariable String id,
			@ParameterObject TrackParameters track) {
		String carId = this.parameters.carId(id);
		return new VehicleTrack(carId, points(carId, track));
	}

	@Operation(summary = "A vehicle's recent track, newest fix first", operationId = "getVehicleTrack")
	@GetMapping(path = "/{id}/track", produces = GeoJson.MEDIA_TYPE)
	GeoJson.FeatureCollection trackAsGeoJson(@PathVariable String id, @ParameterObject TrackParameters track) {
		String carId = this.parameters.carId(id);
		return GeoJson.track(carId, points(carId, track));
	}

	private List<VehiclePosition> find(SearchParameters search) {
		SearchArea area = this.parameters.area(search);
		return this.queries.search(area, this.parameters.limit(search.limit()));
	}

	private List<TrackPoint> points(String carId, TrackParameters track) {
		return this.queries.track(carId, this.parameters.since(track.since()), this.parameters.limit(track.limit()))
			.orElseThrow(() -> new VehicleNotFoundException(carId));
	}

}
