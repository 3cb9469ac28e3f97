package io.fleetstream.ingest.api;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fleetstream.ingest.IngestProperties;

/**
 * Fleet-wide counts.
 */
@RestController
@Tag(name = "Fleet", description = "Fleet-wide counts")
@ProblemResponses
class FleetController {

	private final FleetQueries queries;

	private final Duration reportingWindow;

	FleetController(FleetQueries queries, IngestProperties properties) {
		this.queries = queries;
		this.reportingWindow = properties.api().reportingWindow();
	}

	@Operation(summary = "Cars known, reporting and silent", operationId = "getFleetSummary",
			description = "A car is reporting when its latest fix is at most fleet.ingest.api.reporting-window "
					+ "(default 5 minutes) old, else silent.")
	@ApiResponse(responseCode = "200", description = "The counts",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = FleetSummary.class)))
	@GetMapping(path = "/api/v1/fleet/summary", produces = MediaType.APPLICATION_JSON_VALUE)
	FleetSummary summary() {
		return this.queries.summary(this.reportingWindow);
	}

}
