package io.fleetstream.enrichment;

import jakarta.validation.Valid;

import io.fleetstream.enrichment.snapshot.SnapshotSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * enrichment-service settings ({@code fleet.enrichment.*}).
 *
 * @param snapshot the car/device snapshot built from the CDC topics
 */
@Validated
@ConfigurationProperties("fleet.enrichment")
public record EnrichmentProperties(@DefaultValue @Valid SnapshotSettings snapshot) {

}
