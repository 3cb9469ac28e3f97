package io.fleetstream.alert.episodes;

import org.jspecify.annotations.Nullable;

/**
 * Which episodes a listing wants; a {@code null} criterion matches everything.
 *
 * @param state {@code FIRING} or {@code RESOLVED}
 * @param carId one car
 * @param ruleId one rule
 * @param sinceMs only episodes whose latest transition is at or after this (epoch ms)
 */
public record EpisodeFilter(@Nullable String state, @Nullable String carId, @Nullable String ruleId, long sinceMs) {

	boolean matches(Episode episode) {
		return (this.state == null || this.state.equals(episode.state()))
				&& (this.carId == null || this.carId.equals(episode.carId()))
				&& (this.ruleId == null || this.ruleId.equals(episode.ruleId()));
	}

}
