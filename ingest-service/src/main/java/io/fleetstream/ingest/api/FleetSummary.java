package io.fleetstream.ingest.api;

import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How many cars the fleet has and how many of them are reporting.
 *
 * @param total cars with a stored position
 * @param reporting cars whose latest fix is at most {@code reportingWindow} old
 * @param silent cars whose latest fix is older than that
 * @param reportingWindow the window used, ISO-8601 duration
 * @param reportingWindowSeconds the same in seconds
 * @param asOf when the counts were taken
 */
@Schema(name = "FleetSummary")
record FleetSummary(@Schema(example = "20000") long total, @Schema(example = "19874") long reporting,
		@Schema(example = "126") long silent, @Schema(type = "string", example = "PT5M") Duration reportingWindow,
		@Schema(example = "300") long reportingWindowSeconds, Instant asOf) {

	FleetSummary(long total, long reporting, Duration reportingWindow, Instant asOf) {
		this(total, reporting, total - reporting, reportingWindow, reportingWindow.toSeconds(), asOf);
	}

}
