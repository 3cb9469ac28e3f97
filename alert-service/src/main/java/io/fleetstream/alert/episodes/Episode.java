package io.fleetstream.alert.episodes;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An alert episode as the API shows it.
 *
 * @param episodeId the deterministic id (car, rule, start event time)
 * @param ruleId the rule
 * @param severity its severity
 * @param carId the car; {@code null} for a schema change, which concerns no car
 * @param state {@code FIRING} or {@code RESOLVED}
 * @param description the rule's description
 * @param startedAt when the condition began to hold (event time)
 * @param firedAt when it fired (event time)
 * @param resolvedAt when it resolved, else {@code null}
 * @param values the values the condition names, at the firing
 * @param silenced whether a silence muted its e-mails
 * @param silenceId the silence
 * @param acknowledgement who acknowledged it and when, else {@code null}
 */
public record Episode(String episodeId, String ruleId, String severity, @Nullable String carId, String state,
		String description, Instant startedAt, Instant firedAt, @Nullable Instant resolvedAt,
		Map<String, Object> values, boolean silenced, @Nullable String silenceId,
		@Nullable Acknowledgement acknowledgement) {

	/**
	 * @param by who acknowledged (the token's subject, or the name given when the API is
	 * open)
	 * @param at when (wall clock)
	 * @param comment why, optional
	 */
	public record Acknowledgement(String by, Instant at, @Nullable String comment) {
	}

}
