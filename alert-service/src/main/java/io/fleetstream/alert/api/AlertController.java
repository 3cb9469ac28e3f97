package io.fleetstream.alert.api;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.fleetstream.alert.episodes.Acknowledgements;
import io.fleetstream.alert.episodes.Episode;
import io.fleetstream.alert.episodes.EpisodeFilter;
import io.fleetstream.alert.episodes.EpisodeStore;
import io.fleetstream.alert.evaluation.EpisodeIds;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import io.fleetstream.common.web.FleetProblemHandler;
import io.fleetstream.common.web.InvalidParameterException;

/**
 * Alert episodes: current and recent, one by id, and acknowledgement.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

	static final int SCAN_LIMIT = 10_000;

	private final EpisodeStore episodes;

	private final Acknowledgements acknowledgements;

	private final Clock clock;

	AlertController(EpisodeStore episodes, Acknowledgements acknowledgements, Clock clock) {
		this.episodes = episodes;
		this.acknowledgements = acknowledgements;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "Alert episodes, newest transition first",
			description = "Filtered by state, car, rule and the time of the latest transition (since); at most "
					+ "limit episodes among the newest " + SCAN_LIMIT)
	AlertList list(@RequestParam(required = false) @Nullable @Pattern(regexp = "FIRING|RESOLVED") String state,
			@RequestParam(required = false) @Nullable @Size(min = 1, max = 256) String carId,
			@RequestParam(required = false) @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String rule,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		long sinceMs = (since != null) ? since.toEpochMilli() : 0;
		List<Episode> found = this.episodes.list(new EpisodeFilter(state, carId, rule, sinceMs), limit, SCAN_LIMIT);
		return new AlertList(found.size(), found);
	}

	@GetMapping("/{episodeId}")
	@Operation(summary = "One episode")
	Episode get(@PathVariable String episodeId) {
		return this.episodes.find(valid(episodeId)).orElseThrow(() -> notFound(episodeId));
	}

	@PostMapping("/{episodeId}/ack")
	@Operation(summary = "Acknowledge an episode (who and when; needs scope fleet:write)",
			description = "The acknowledging user is the token's subject; with the API served open, the request's "
					+ "'by'. Acknowledging again replaces the earlier acknowledgement. The episode is published to "
					+ "the outlier topic again, with its acknowledgement.")
	Episode acknowledge(@PathVariable String episodeId, @RequestBody(required = false) @Valid @Nullable AckRequest body,
			@Nullable Principal principal) {
		String by = (principal != null) ? principal.getName() : (body != null) ? body.by() : null;
		if (by == null || by.isBlank()) {
			throw new InvalidParameterException("by", "by is required when the request is not authenticated");
		}
		return this.acknowledgements
			.acknowledge(valid(episodeId), by, this.clock.instant(), (body != null) ? body.comment() : null)
			.orElseThrow(() -> notFound(episodeId));
	}

	private static String valid(String episodeId) {
		if (!EpisodeIds.FORMAT.matcher(episodeId).matches()) {
			throw new InvalidParameterException("episodeId",
					"episodeId must look like <car>~<rule>~<start epoch ms>, was '"
							+ FleetProblemHandler.abbreviate(episodeId) + "'");
		}
		return episodeId;
	}

	private static ResponseStatusException notFound(String episodeId) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No episode " + episodeId);
	}

	/**
	 * @param by who acknowledges (used only when the API is served open)
	 * @param comment why, optional
	 */
	record AckRequest(@Nullable @Size(max = 200) String by, @Nullable @Size(max = 1000) String comment) {
	}

	/**
	 * @param count how many episodes are listed
	 * @param alerts the episodes, newest transition first
	 */
	record AlertList(int count, List<Episode> alerts) {
	}

}
