package io.fleetstream.alert.episodes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Operators' acknowledgements: stored with the episode in Redis (so every instance, and a
 * restarted one, shows who and when), then published to the outlier topic as the
 * episode's latest state with its {@code acknowledgement}, so consumers of
 * {@code cars.alerts.json} (the map) learn of it too.
 */
public class Acknowledgements {

	private final EpisodeStore episodes;

	private final OutlierPublisher outlier;

	Acknowledgements(EpisodeStore episodes, OutlierPublisher outlier) {
		this.episodes = episodes;
		this.outlier = outlier;
	}

	/**
	 * Records who acknowledged the episode and publishes it; a second acknowledgement
	 * replaces the first and is published again.
	 * @return the acknowledged episode, or empty when there is no such episode
	 * @throws OutlierUnavailableException when the broker did not take the record (the
	 * acknowledgement is stored; acknowledging again publishes it)
	 */
	public Optional<Episode> acknowledge(String episodeId, String by, Instant at, @Nullable String comment) {
		Optional<Episode> acknowledged = this.episodes.acknowledge(episodeId, by, at, comment);
		acknowledged.ifPresent((episode) -> this.outlier.publish(List.of(event(episode))));
		return acknowledged;
	}

	/** The episode's latest state as an outlier record, with its acknowledgement. */
	static AlertEvent event(Episode episode) {
		Instant latest = (episode.resolvedAt() != null) ? episode.resolvedAt() : episode.firedAt();
		return new AlertEvent(episode.episodeId(), episode.ruleId(), episode.severity(), episode.state(),
				episode.carId(), latest.toEpochMilli(), episode.startedAt().toEpochMilli(), episode.description(),
				episode.values(), episode.silenced(), episode.silenceId(), null, episode.acknowledgement());
	}

}
