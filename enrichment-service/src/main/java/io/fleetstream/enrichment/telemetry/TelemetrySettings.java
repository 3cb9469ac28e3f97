package io.fleetstream.enrichment.telemetry;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the telemetry join ({@code fleet.enrichment.telemetry.*}).
 *
 * @param gpsTopics the topics of the telemetry route that carry GPS fixes (parsed as
 * common's {@code gps-fix} handler does); every other topic of the route carries status
 * messages
 * @param enrichedTopic where the enriched state of every update is published
 * @param publishTimeout how long a batch may wait for the broker's acknowledgements
 */
public record TelemetrySettings(@DefaultValue("cars.gps.json") List<String> gpsTopics,
		@DefaultValue("cars.enriched.json") @NotEmpty String enrichedTopic,
		@DefaultValue("10s") Duration publishTimeout) {

}
