package io.fleetstream.ingest.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fleetstream.ingest.IngestProperties;

import static io.fleetstream.ingest.api.Representation.GEO_JSON_VALUE;
import static io.fleetstream.ingest.api.Representation.JSON_VALUE;

/**
 * Vehicle positions: one car, a search around a point or in a box, a car's recent track.
 * Each answers JSON, or GeoJSON when the client prefers {@code application/geo+json}.
 */
@RestController
@RequestMapping(path = "/api/v1/vehicles", produces = { JSON_VALUE, GEO_JSON_VALUE })
@Tag(name = "Vehicles", description = "Latest positions, searches and recent tracks")
@ProblemResponses
class VehicleController {

	private final FleetQueries queries;

	private final ApiParameters parameters;

	VehicleController(FleetQueries queries, IngestProperties properties) {
		this.queries = queries;
		this.parameters = new ApiParameters(properties.api());
	}

	@Operation(summary = "A vehicle's latest position", operationId = "getVehicle")
	@ApiResponse(responseCode = "200", description = "The latest position",
			content = { @Content(mediaType = JSON_VALUE, schema = @Schema(implementation = VehiclePosition.class)),
					@Content(mediaType = GEO_JSON_VALUE, schema = @Schema(implementation = GeoJson.Feature.class)) })
	@GetMapping("/{id}")
	ResponseEntity<Object> vehicle(@Parameter(description = "Car id", example = "car-0042") @PathVariable String id,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		String carId = this.parameters.carId(id);
		VehiclePosition vehicle = this.queries.vehicle(carId).orElseThrow(() -> new VehicleNotFoundException(carId));
		return Representation.negotiate(accept).respond(vehicle, GeoJson::vehicle);
	}

	@Operation(summary = "Vehicles around a point or inside a box, nearest first", operationId = "searchVehicles",
			description = "Give either lat, lng and radiusM (vehicles within radiusM metres of the point) or bbox "
					+ "(vehicles inside the box). Nearest first; distanceM is the distance from the point, or from "
					+ "the box centre.")
	@ApiResponse(responseCode = "200", description = "The vehicles found, nearest first",
			content = { @Content(mediaType = JSON_VALUE, schema = @Schema(implementation = VehicleList.class)),
					@Content(mediaType = GEO_JSON_VALUE,
							schema = @Schema(implementation = GeoJson.FeatureCollection.class)) })
	@GetMapping
	ResponseEntity<Object> search(@ParameterObject SearchParameters search,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		SearchArea area = this.parameters.area(search);
		List<VehiclePosition> vehicles = this.queries.search(area, this.parameters.limit(search.limit()));
		return Representation.negotiate(accept).respond(vehicles, GeoJson::vehicles, VehicleList::new);
	}

	@Operation(summary = "A vehicle's recent track, newest fix first", operationId = "getVehicleTrack",
			description = "The fixes kept are bounded by fleet.ingest.track.max-points and max-age.")
	@ApiResponse(responseCode = "200", description = "The track, newest fix first",
			content = { @Content(mediaType = JSON_VALUE, schema = @Schema(implementation = VehicleTrack.class)),
					@Content(mediaType = GEO_JSON_VALUE,
							schema = @Schema(implementation = GeoJson.FeatureCollection.class)) })
	@GetMapping("/{id}/track")
	ResponseEntity<Object> track(@Parameter(description = "Car id", example = "car-0042") @PathVariable String id,
			@ParameterObject TrackParameters track,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		String carId = this.parameters.carId(id);
		List<TrackPoint> points = this.queries
			.track(carId, this.parameters.since(track.since()), this.parameters.limit(track.limit()))
			.orElseThrow(() -> new VehicleNotFoundException(carId));
		return Representation.negotiate(accept)
			.respond(points, (kept) -> GeoJson.track(carId, kept), (kept) -> new VehicleTrack(carId, kept));
	}

}
