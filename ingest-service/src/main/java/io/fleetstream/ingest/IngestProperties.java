package io.fleetstream.ingest;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ingest-service settings ({@code fleet.ingest.*}). Batch writes are bounded by
 * {@code spring.data.redis.timeout}, the command timeout Lettuce applies to every command
 * (and retried until they succeed); the REST API waits for Redis at most its own, shorter
 * {@code fleet.ingest.api.redis-timeout}, so that a Redis outage cannot hold its threads.
 *
 * @param geoShards how many shards the positions (and the geo index) are spread over; see
 * {@code docs/redis-keys.md} for the default and why it is part of the data layout
 * @param track the bounded recent track kept per car
 * @param api limits of the REST API
 */
@Validated
@ConfigurationProperties("fleet.ingest")
public record IngestProperties(@DefaultValue("16") @Min(1) @Max(1024) int geoShards, @DefaultValue @Valid Track track,
		@DefaultValue @Valid Api api) {

	/**
	 * @param enabled whether a recent track is kept per car
	 * @param maxPoints the most points kept per car
	 * @param maxAge points older than this before the car's newest fix are dropped, and a
	 * silent car's track expires after it
	 * @param resolution at most one point is kept per interval of this length (the
	 * interval's first fix), plus the newest fix exact: {@code 10s} keeps a 1 Hz car's
	 * track at one point per 10 s for a tenth of the writes; {@code 0s} (the default)
	 * keeps every fix
	 */
	public record Track(@DefaultValue("true") boolean enabled, @DefaultValue("120") @Min(1) int maxPoints,
			@DefaultValue("1h") @NotNull Duration maxAge, @DefaultValue("0s") @NotNull Duration resolution) {
	}

	/**
	 * @param defaultLimit vehicles returned when {@code limit} is not given
	 * @param maxLimit the largest {@code limit} accepted
	 * @param maxRadiusM the largest {@code radiusM} accepted, in metres
	 * @param maxBboxAreaKm2 the largest bounding box accepted, in square kilometres
	 * @param reportingWindow a car is "reporting" if its latest fix is younger than this,
	 * else "silent"
	 * @param redisTimeout how long a request waits for Redis before it is answered 503
	 * (capped by {@code spring.data.redis.timeout}, which expires every command)
	 * @param redisProbeInterval while Redis is known to be unavailable, requests are
	 * answered 503 at once and Redis is checked this often in the background
	 * @param publicUrl the server URL the OpenAPI document names; by default {@code /},
	 * the origin the document was read from, never the request's {@code Host} header
	 */
	public record Api(@DefaultValue("100") @Positive int defaultLimit, @DefaultValue("1000") @Positive int maxLimit,
			@DefaultValue("50000") @Positive double maxRadiusM, @DefaultValue("10000") @Positive double maxBboxAreaKm2,
			@DefaultValue("5m") @NotNull Duration reportingWindow, @DefaultValue("1s") @NotNull Duration redisTimeout,
			@DefaultValue("500ms") @NotNull Duration redisProbeInterval,
			@DefaultValue("/") @NotBlank String publicUrl) {
	}

}
