package io.fleetstream.enrichment;

import jakarta.validation.Valid;

import io.fleetstream.enrichment.flatten.FlattenSettings;
import io.fleetstream.enrichment.schema.SchemaSettings;
import io.fleetstream.enrichment.snapshot.SnapshotSettings;
import io.fleetstream.enrichment.telemetry.TelemetrySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * enrichment-service settings ({@code fleet.enrichment.*}).
 *
 * @param snapshot the car/device snapshot built from the CDC topics
 * @param telemetry the telemetry join and the enriched topic
 * @param flatten the bounds of status-message flattening
 * @param schema schema-change detection
 */
@Validated
@ConfigurationProperties("fleet.enrichment")
public record EnrichmentProperties(@DefaultValue @Valid SnapshotSettings snapshot,
		@DefaultValue @Valid TelemetrySettings telemetry, @DefaultValue @Valid FlattenSettings flatten,
		@DefaultValue @Valid SchemaSettings schema) {

}
