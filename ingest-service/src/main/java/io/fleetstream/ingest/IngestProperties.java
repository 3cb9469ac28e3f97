package io.fleetstream.ingest;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

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
 * @param live the live position stream ({@code GET /api/v1/live/positions})
 * @param map the live map page ({@code /map/})
 */
@Validated
@ConfigurationProperties("fleet.ingest")
public record IngestProperties(@DefaultValue("16") @Min(1) @Max(1024) int geoShards, @DefaultValue @Valid Track track,
		@DefaultValue @Valid Api api, @DefaultValue @Valid Live live, @DefaultValue @Valid MapPage map) {

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

	/**
	 * The live position stream: one feed per instance reads the positions that changed
	 * since its last poll from Redis (the whole fleet, whatever partitions this instance
	 * consumes) and pushes them to every subscriber as server-sent events. The write path
	 * is not touched: the feed only reads ({@code docs/map.md}).
	 *
	 * @param enabled whether the stream is served
	 * @param interval how often the feed reads the positions that changed, while anyone
	 * is subscribed
	 * @param overlap each poll re-reads the cars whose last-seen time is at most this far
	 * behind the newest one seen in their shard, so that a lagging consumer's late write
	 * of a newer fix is still pushed; writes later than that are pushed at the next
	 * {@code resync-interval}
	 * @param resyncInterval how often the feed compares every car's last-seen time
	 * instead of only the recent ones (catches whatever arrived later than
	 * {@code overlap}, and cars removed from Redis)
	 * @param maxSubscribers streams served at once by this instance; beyond it a
	 * subscription is answered 503
	 * @param queueCapacity events waiting for one subscriber; a subscriber that falls
	 * further behind is disconnected (its browser reconnects and resyncs)
	 * @param chunkSize cars per event, for the snapshot and for large deltas
	 * @param heartbeat a comment is sent after this long without an event, so proxies
	 * keep the connection and a dead client is noticed
	 * @param maxStreamAge a stream is ended after this long (the browser reconnects,
	 * possibly to another instance)
	 * @param retry how long a browser waits before reconnecting ({@code retry:})
	 */
	public record Live(@DefaultValue("true") boolean enabled, @DefaultValue("1s") @NotNull Duration interval,
			@DefaultValue("10s") @NotNull Duration overlap, @DefaultValue("60s") @NotNull Duration resyncInterval,
			@DefaultValue("100") @Min(1) @Max(10_000) int maxSubscribers,
			@DefaultValue("64") @Min(2) @Max(100_000) int queueCapacity,
			@DefaultValue("2000") @Min(1) @Max(100_000) int chunkSize, @DefaultValue("15s") @NotNull Duration heartbeat,
			@DefaultValue("30m") @NotNull Duration maxStreamAge, @DefaultValue("3s") @NotNull Duration retry) {
	}

	/**
	 * The live map page and what it reads from the other services. Base URLs are empty by
	 * default: the page then calls relative URLs on its own origin, which is what one
	 * host with path routing (the Helm chart's ingress) gives. Set them when the services
	 * are on other origins (the local stack), and allow the page's origin there
	 * ({@code fleet.web.cors.allowed-origins}).
	 *
	 * @param enabled whether {@code /map/} is served
	 * @param enrichmentUrl base URL of enrichment-service's API ({@code /api/v1/cars}),
	 * e.g. {@code http://localhost:8082}; empty for the page's own origin
	 * @param alertUrl base URL of alert-service's API ({@code /api/v1/alerts}); empty for
	 * the page's own origin
	 * @param tileUrl a tile URL template such as
	 * {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}; empty (the default): only
	 * the bundled base layer, no request leaves the page's origins
	 * @param tileAttribution attribution shown for the tiles (OpenStreetMap's licence
	 * requires one)
	 * @param silentAfter a car whose latest fix is older than this is shown as silent
	 * @param drivingMinSpeedKmh a car reporting at least this speed is driving, below it
	 * parked
	 * @param alertPollInterval how often the page reads the firing alerts
	 */
	public record MapPage(@DefaultValue("true") boolean enabled,
			@DefaultValue("") @Pattern(regexp = BASE_URL) String enrichmentUrl,
			@DefaultValue("") @Pattern(regexp = BASE_URL) String alertUrl,
			@DefaultValue("") @Pattern(regexp = TILE_URL) String tileUrl, @DefaultValue("") String tileAttribution,
			@DefaultValue("15m") @NotNull Duration silentAfter,
			@DefaultValue("3") @PositiveOrZero double drivingMinSpeedKmh,
			@DefaultValue("5s") @NotNull Duration alertPollInterval) {

		public MapPage {
			enrichmentUrl = (enrichmentUrl != null) ? enrichmentUrl : "";
			alertUrl = (alertUrl != null) ? alertUrl : "";
			tileUrl = (tileUrl != null) ? tileUrl : "";
			tileAttribution = (tileAttribution != null) ? tileAttribution : "";
		}

		/**
		 * Empty, or {@code http(s)://host[:port][/path]} with nothing a header value or a
		 * Content-Security-Policy source could be broken with.
		 */
		static final String BASE_URL = "|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?";

		/** Empty, or a tile URL template, placeholders in braces. */
		static final String TILE_URL = "|https?://[A-Za-z0-9.{}-]+(:[0-9]{1,5})?/[A-Za-z0-9._~/{}@-]*(\\?[A-Za-z0-9._~=&{}-]*)?";

	}

}
