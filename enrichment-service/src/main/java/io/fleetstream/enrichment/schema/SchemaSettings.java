package io.fleetstream.enrichment.schema;

import java.time.Duration;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of schema-change detection ({@code fleet.enrichment.schema.*}).
 *
 * @param startMode how a topic without a learned schema starts: {@code learn} (the first
 * {@code learn-records} records of the topic, across all instances, are learned silently)
 * or {@code baseline} (the paths of the {@code baseline} file are known; everything else
 * is a change from the first record on)
 * @param learnRecords records learned silently per topic in {@code learn} mode
 * @param baseline a resource location (e.g. {@code classpath:schema-baseline.json},
 * {@code file:/config/baseline.json}) of a JSON object {@code {topic: {path: type}}};
 * required in {@code baseline} mode
 * @param topic where schema changes are published
 * @param claimLease how long a claimed change may stay unpublished (its claimer crashed
 * or stalled) before another consumer publishes it
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
