package io.fleetstream.ingest.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Search results, nearest to the search centre first.
 *
 * @param count how many vehicles follow (at most the request's limit)
 * @param vehicles the vehicles, each with its {@code distanceM}
 */
@Schema(name = "VehicleList", description = "Vehicles found, nearest to the search centre first")
record VehicleList(int count, List<VehiclePosition> vehicles) {

	VehicleList(List<VehiclePosition> vehicles) {
		this(vehicles.size(), List.copyOf(vehicles));
	}

}
