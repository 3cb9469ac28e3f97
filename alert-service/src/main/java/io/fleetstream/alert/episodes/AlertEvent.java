package io.fleetstream.alert.episodes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One episode transition as published to the outlier topic ({@code cars.alerts.json},
 * docs/alerts.md) and shown by the API.
 *
 * @param episodeId the episode's deterministic id (car, rule, start event time)
 * @param ruleId the rule
 * @param severity {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param state {@code FIRING} or {@code RESOLVED}
 * @param carId the car; {@code null} for an event that concerns no car (a schema change)
 * @param eventTime epoch ms event time of this transition
 * @param startedAt epoch ms the condition began to hold
 * @param description the rule's description
 * @param values the state values the rule's condition names, as they were at the
 * transition
 * @param silenced a silence matched: recorded and published, not e-mailed
 * @param silenceId the matching silence, else {@code null}
 * @param source the record that caused it ({@code topic/partition/offset}), or
 * {@code null} for the wall-clock tick and an acknowledgement
 * @param acknowledgement who acknowledged the episode and when, else {@code null}: set on
 * the record the API publishes when an operator acknowledges (the episode's latest state
 * again, with the acknowledgement)
 */
public record AlertEvent(String episodeId, String ruleId, String severity, String state, @Nullable String carId,
		long eventTime, long startedAt, String description, Map<String, Object> values, boolean silenced,
		@Nullable String silenceId, @Nullable String source, Episode.@Nullable Acknowledgement acknowledgement) {

	public AlertEvent {
		// a signal may be null in the car's state (Map.copyOf refuses null values)
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	AlertEvent withAcknowledgement(Episode.Acknowledgement acknowledgement) {
		return new AlertEvent(this.episodeId, this.ruleId, this.severity, this.state, this.carId, this.eventTime,
				this.startedAt, this.description, this.values, this.silenced, this.silenceId, this.source,
				acknowledgement);
	}

	/** An event that never resolves (a schema change, which concerns no car). */
	boolean neverResolves() {
		return this.carId == null;
	}

	/** The transition's idempotency key: {@code <episodeId>:<state>}. */
	public String notificationId() {
		return this.episodeId + ":" + this.state;
	}

}
