package io.fleetstream.enrichment.snapshot;

/**
 * Settings of the car/device snapshot ({@code fleet.enrichment.snapshot.*}).
 */
public record SnapshotSettings() {

}
