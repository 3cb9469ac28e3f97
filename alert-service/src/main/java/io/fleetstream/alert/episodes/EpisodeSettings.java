package io.fleetstream.alert.episodes;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The episode store and the outlier topic ({@code fleet.alert.episodes.*}).
 *
 * @param outlierTopic where every transition is published ({@code cars.alerts.json})
 * @param retention how long a resolved episode stays queryable in the API
 * @param publishTimeout how long a batch may wait for the broker to acknowledge its
 * transitions before it is retried
 */
public record EpisodeSettings(@DefaultValue("cars.alerts.json") @NotBlank String outlierTopic,
		@DefaultValue("7d") Duration retention, @DefaultValue("30s") Duration publishTimeout) {

}
