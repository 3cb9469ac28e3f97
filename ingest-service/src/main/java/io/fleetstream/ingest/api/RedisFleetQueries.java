package io.fleetstream.ingest.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.GeoWithin;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.ingest.IngestProperties;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * Reads positions as laid out in {@code docs/redis-keys.md}. Every command touches one
 * key, and the commands of one request are sent together (pipelined), so a request costs
 * about one round trip per cluster node, standalone or Redis Cluster alike.
 */
class RedisFleetQueries implements FleetQueries {

	private final AsyncRedis redis;

	private final PositionKeys keys;

	private final Duration timeout;

	private final Clock clock;

	private final long trackMaxAgeMs;

	private final int trackMaxPoints;

	RedisFleetQueries(AsyncRedis redis, PositionKeys keys, Duration timeout, Clock clock,
			IngestProperties.Track track) {
		this.redis = redis;
		this.keys = keys;
		this.timeout = timeout;
		this.clock = clock;
		this.trackMaxAgeMs = track.maxAge().toMillis();
		this.trackMaxPoints = track.maxPoints();
	}

	@Override
	public Optional<VehiclePosition> vehicle(String carId) {
		List<KeyValue<byte[], byte[]>> hash = RedisReads.await(readPosition(this.redis.commands(), carId),
				this.timeout);
		return StoredPosition.toView(carId, hash, this.clock.instant());
	}

	@Override
	public List<VehiclePosition> search(SearchArea area, int limit) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		List<GeoWithin<byte[]>> hits = new GeoFanOut(commands, this.keys, this.timeout).search(area, limit);
		List<String> carIds = hits.stream().map((hit) -> new String(hit.getMember(), StandardCharsets.UTF_8)).toList();
		List<RedisFuture<List<KeyValue<byte[], byte[]>>>> reads = new ArrayList<>();
		for (String carId : carIds) {
			reads.add(readPosition(commands, carId));
		}
		List<List<KeyValue<byte[], byte[]>>> hashes = RedisReads.awaitAll(reads, this.timeout);
		Instant now = this.clock.instant();
		List<VehiclePosition> vehicles = new ArrayList<>(hits.size());
		for (int i = 0; i < hits.size(); i++) {
			double distanceM = hits.get(i).getDistance();
			StoredPosition.toView(carIds.get(i), hashes.get(i), now)
				.ifPresent((vehicle) -> vehicles.add(vehicle.withDistance(distanceM)));
		}
		return vehicles;
	}

	@Override
	public Optional<List<TrackPoint>> track(String carId, Instant since, int limit) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		RedisFuture<Long> known = commands.exists(bytes(this.keys.position(carId)));
		// newest first; the writer trims it back to max-points only every few points
		RedisFuture<List<byte[]>> members = commands.lrange(bytes(this.keys.track(carId)), 0, this.trackMaxPoints - 1);
		if (RedisReads.await(known, this.timeout) == 0) {
			return Optional.empty();
		}
		List<TrackPoint> points = RedisReads.await(members, this.timeout)
			.stream()
			.map((member) -> TrackPoint.parse(new String(member, StandardCharsets.UTF_8)))
			.toList();
		if (points.isEmpty()) {
			return Optional.of(points);
		}
		long from = Math.max(points.get(0).ts() - this.trackMaxAgeMs, (since != null) ? since.toEpochMilli() : 0);
		return Optional.of(points.stream().filter((point) -> point.ts() >= from).limit(limit).toList());
	}

	@Override
	public FleetSummary summary(Duration reportingWindow) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		Instant now = this.clock.instant();
		Range<Long> recent = Range.from(Range.Boundary.including(now.minus(reportingWindow).toEpochMilli()),
				Range.Boundary.unbounded());
		List<RedisFuture<Long>> totals = new ArrayList<>();
		List<RedisFuture<Long>> reporting = new ArrayList<>();
		for (int shard = 0; shard < this.keys.shardCount(); shard++) {
			byte[] seen = bytes(this.keys.seen(shard));
			totals.add(commands.zcard(seen));
			reporting.add(commands.zcount(seen, recent));
		}
		long total = sum(RedisReads.awaitAll(totals, this.timeout));
		long reportingCount = sum(RedisReads.awaitAll(reporting, this.timeout));
		return new FleetSummary(total, Math.min(reportingCount, total), reportingWindow, now);
	}

	private RedisFuture<List<KeyValue<byte[], byte[]>>> readPosition(RedisClusterAsyncCommands<byte[], byte[]> commands,
			String carId) {
		return commands.hmget(bytes(this.keys.position(carId)), StoredPosition.FIELDS);
	}

	private static long sum(List<Long> counts) {
		return counts.stream().mapToLong(Long::longValue).sum();
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
