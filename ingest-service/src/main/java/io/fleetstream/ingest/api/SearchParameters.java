package io.fleetstream.ingest.api;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The query parameters of a vehicle search: either {@code lat}, {@code lng} and
 * {@code radiusM}, or {@code bbox}; checked by {@link ApiParameters}.
 */
record SearchParameters(
		@Parameter(description = "Latitude of the search centre in degrees (with lng and radiusM)",
				example = "37.5665") Double lat,
		@Parameter(description = "Longitude of the search centre in degrees (with lat and radiusM)",
				example = "126.978") Double lng,
		@Parameter(description = "Search radius in metres, greater than 0 and at most fleet.ingest.api.max-radius-m "
				+ "(default 50000)", example = "2000") Double radiusM,
		@Parameter(description = "Box minLng,minLat,maxLng,maxLat in degrees (instead of lat, lng and radiusM); "
				+ "minLng < maxLng (no antimeridian crossing), area at most fleet.ingest.api.max-bbox-area-km2 "
				+ "(default 10000 km²)", example = "126.95,37.55,127.00,37.58") String bbox,
		@Parameter(description = "Most vehicles returned, 1 to fleet.ingest.api.max-limit (default 1000); "
				+ "default fleet.ingest.api.default-limit (100)", example = "50") Integer limit) {
}
