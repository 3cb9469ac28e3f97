package io.fleetstream.enrichment;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

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

	/**
	 * Settings of the car/device snapshot ({@code fleet.enrichment.snapshot.*}), built
	 * from the AWS DMS topics of the {@code carinfo} and {@code deviceinfo} tables
	 * (docs/snapshot.md). A record is recognised by its {@code metadata.table-name}, not
	 * by its topic, so both tables may share a topic.
	 *
	 * @param carTable the DMS {@code table-name} of the car table
	 * @param carKeyColumn the car table's primary-key column (the car id, as the
	 * telemetry record key carries it)
	 * @param deviceTable the DMS {@code table-name} of the device table
	 * @param deviceKeyColumn the device table's primary-key column
	 * @param joinColumn the device table's column naming the car the device is installed
	 * in
	 * @param maxRecordsPerCall the most CDC records one Redis script call applies, so
	 * that no call holds the server long
	 * @param loadPageSize hash fields read per {@code HSCAN} call when the snapshot is
	 * loaded from Redis at start-up
	 */
	public record SnapshotSettings(@DefaultValue("carinfo") @NotBlank String carTable,
			@DefaultValue("car_id") @NotBlank String carKeyColumn,
			@DefaultValue("deviceinfo") @NotBlank String deviceTable,
			@DefaultValue("device_id") @NotBlank String deviceKeyColumn,
			@DefaultValue("car_id") @NotBlank String joinColumn,
			@DefaultValue("500") @Min(1) @Max(10000) int maxRecordsPerCall,
			@DefaultValue("2000") @Min(10) @Max(100000) int loadPageSize) {

		/** The defaults, for code and tests. */
		public static SnapshotSettings defaults() {
			return new SnapshotSettings("carinfo", "car_id", "deviceinfo", "device_id", "car_id", 500, 2000);
		}

	}

	/**
	 * Settings of the telemetry join ({@code fleet.enrichment.telemetry.*}).
	 *
	 * @param gpsTopics the topics of the telemetry route that carry GPS fixes (parsed as
	 * common's {@code gps-fix} handler does); every other topic of the route carries
	 * status messages
	 * @param enrichedTopic where the enriched state of every update is published
	 * @param publishTimeout how long a batch may wait for the broker's acknowledgements
	 */
	public record TelemetrySettings(@DefaultValue("cars.gps.json") List<String> gpsTopics,
			@DefaultValue("cars.enriched.json") @NotEmpty String enrichedTopic,
			@DefaultValue("10s") Duration publishTimeout) {

	}

	/**
	 * Bounds of the status-message flattener ({@code fleet.enrichment.flatten.*}): a
	 * record beyond one of them is dead-lettered with the reason, never truncated, so a
	 * hostile or broken device cannot blow up the state held in memory and Redis.
	 *
	 * @param maxDepth the deepest nesting of objects and arrays (the top-level object is
	 * depth 1)
	 * @param maxPaths the most leaf paths one message may have
	 * @param maxStringLength the longest string value, in characters
	 * @param maxPathLength the longest flattened path, in characters
	 */
	public record FlattenSettings(@DefaultValue("16") @Positive int maxDepth,
			@DefaultValue("1000") @Positive int maxPaths, @DefaultValue("1024") @Positive int maxStringLength,
			@DefaultValue("256") @Positive int maxPathLength) {

	}

	/**
	 * Settings of schema-change detection ({@code fleet.enrichment.schema.*}).
	 *
	 * @param startMode how a topic without a learned schema starts: {@code learn} (the
	 * first {@code learn-records} records of the topic, across all instances, are learned
	 * silently) or {@code baseline} (the paths of the {@code baseline} file are known;
	 * everything else is a change from the first record on)
	 * @param learnRecords records learned silently per topic in {@code learn} mode
	 * @param baseline a resource location (e.g. {@code classpath:schema-baseline.json},
	 * {@code file:/config/baseline.json}) of a JSON object {@code {topic: {path: type}}};
	 * required in {@code baseline} mode
	 * @param topic where schema changes are published
	 * @param claimLease how long a claimed change may stay unpublished (its claimer
	 * crashed or stalled) before another consumer publishes it
	 * @param publishTimeout how long a publish may wait for the broker's acknowledgement
	 */
	public record SchemaSettings(@DefaultValue("learn") StartMode startMode,
			@DefaultValue("1000") @PositiveOrZero int learnRecords, String baseline,
			@DefaultValue("fleet.schema-changes.json") @NotEmpty String topic, @DefaultValue("60s") Duration claimLease,
			@DefaultValue("10s") Duration publishTimeout) {

		/** How detection starts on a topic with no learned schema. */
		public enum StartMode {

			LEARN, BASELINE

		}

	}

}
