package io.fleetstream.enrichment.snapshot;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the car/device snapshot ({@code fleet.enrichment.snapshot.*}), built from
 * the AWS DMS topics of the {@code carinfo} and {@code deviceinfo} tables
 * (docs/snapshot.md). A record is recognised by its {@code metadata.table-name}, not by
 * its topic, so both tables may share a topic.
 *
 * @param carTable the DMS {@code table-name} of the car table
 * @param carKeyColumn the car table's primary-key column (the car id, as the telemetry
 * record key carries it)
 * @param deviceTable the DMS {@code table-name} of the device table
 * @param deviceKeyColumn the device table's primary-key column
 * @param joinColumn the device table's column naming the car the device is installed in
 * @param maxRecordsPerCall the most CDC records one Redis script call applies, so that no
 * call holds the server long
 * @param loadPageSize hash fields read per {@code HSCAN} call when the snapshot is loaded
 * from Redis at start-up
 */
public record SnapshotSettings(@DefaultValue("carinfo") @NotBlank String carTable,
		@DefaultValue("car_id") @NotBlank String carKeyColumn, @DefaultValue("deviceinfo") @NotBlank String deviceTable,
		@DefaultValue("device_id") @NotBlank String deviceKeyColumn,
		@DefaultValue("car_id") @NotBlank String joinColumn,
		@DefaultValue("500") @Min(1) @Max(10000) int maxRecordsPerCall,
		@DefaultValue("2000") @Min(10) @Max(100000) int loadPageSize) {

	/** The defaults, for code and tests. */
	public static SnapshotSettings defaults() {
		return new SnapshotSettings("carinfo", "car_id", "deviceinfo", "device_id", "car_id", 500, 2000);
	}

}
