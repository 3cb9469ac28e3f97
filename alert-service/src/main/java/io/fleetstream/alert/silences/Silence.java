package io.fleetstream.alert.silences;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Mutes the e-mails of matching episodes from {@code startsAt} until {@code endsAt} (wall
 * clock): by car, by rule, or both. A muted episode is still recorded and published to
 * the outlier topic, marked silenced.
 *
 * @param id the silence's id
 * @param carId the car it mutes, or {@code null} for every car
 * @param ruleId the rule it mutes, or {@code null} for every rule
 * @param startsAt when it begins
 * @param endsAt when it ends
 * @param comment why
 * @param createdBy who set it
 * @param createdAt when
 */
public record Silence(String id, @Nullable String carId, @Nullable String ruleId, Instant startsAt, Instant endsAt,
		String comment, String createdBy, Instant createdAt) {

	public boolean activeAt(Instant now) {
		return !now.isBefore(this.startsAt) && now.isBefore(this.endsAt);
	}

	public boolean matches(String carId, String ruleId) {
		return (this.carId == null || this.carId.equals(carId)) && (this.ruleId == null || this.ruleId.equals(ruleId));
	}

}
