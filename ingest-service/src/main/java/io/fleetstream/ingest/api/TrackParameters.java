package io.fleetstream.ingest.api;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The query parameters of a track request; checked by {@link ApiParameters}.
 */
record TrackParameters(
		@Parameter(description = "Only fixes at or after this event time: epoch milliseconds or ISO-8601 "
				+ "(default: every kept fix)", example = "2025-11-22T08:00:00Z") String since,
		@Parameter(description = "Most fixes returned, 1 to fleet.ingest.api.max-limit (default 1000); "
				+ "default fleet.ingest.api.default-limit (100)", example = "100") Integer limit) {
}
