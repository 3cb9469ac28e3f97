package io.fleetstream.ingest.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
		byte[] value = RedisReads.await(readPosition(this.redis.commands(), carId), this.timeout);
		return StoredPosition.toView(carId, value, this.clock.instant());
	}

	/**
	 * The nearest cars, then their positions: one {@code HMGET} per shard that has hits,
	 * all sent together, reading only the cars found.
	 */
	@Override
	public List<VehiclePosition> search(SearchArea area, int limit) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		List<GeoWithin<byte[]>> hits = new GeoFanOut(commands, this.keys, this.timeout).search(area, limit);
		int[] shardOfHit = new int[hits.size()];
		Map<Integer, List<byte[]>> carsByShard = new LinkedHashMap<>();
		for (int i = 0; i < hits.size(); i++) {
			byte[] car = hits.get(i).getMember();
			shardOfHit[i] = this.keys.shardOf(new String(car, StandardCharsets.UTF_8));
			carsByShard.computeIfAbsent(shardOfHit[i], (shard) -> new ArrayList<>()).add(car);
		}
		List<Integer> shards = new ArrayList<>(carsByShard.keySet());
		List<RedisFuture<List<KeyValue<byte[], byte[]>>>> reads = new ArrayList<>(shards.size());
		for (int shard : shards) {
			reads.add(commands.hmget(bytes(this.keys.positions(shard)), carsByShard.get(shard).toArray(new byte[0][])));
		}
		List<List<KeyValue<byte[], byte[]>>> answers = RedisReads.awaitAll(reads, this.timeout);
		Map<Integer, Iterator<KeyValue<byte[], byte[]>>> valuesByShard = new HashMap<>();
		for (int i = 0; i < shards.size(); i++) {
			valuesByShard.put(shards.get(i), answers.get(i).iterator());
		}
		Instant now = this.clock.instant();
		List<VehiclePosition> vehicles = new ArrayList<>(hits.size());
		for (int i = 0; i < hits.size(); i++) {
			// HMGET answers in the order asked, and the hits were asked in this order
			KeyValue<byte[], byte[]> value = valuesByShard.get(shardOfHit[i]).next();
			String carId = new String(hits.get(i).getMember(), StandardCharsets.UTF_8);
			double distanceM = hits.get(i).getDistance();
			StoredPosition.toView(carId, value.getValueOrElse(null), now)
				.ifPresent((vehicle) -> vehicles.add(vehicle.withDistance(distanceM)));
		}
		return vehicles;
	}

	/**
	 * The stored track, newest first, headed by the latest position when it is newer than
	 * the track's newest point (with a track resolution, the newest fix is kept only as
	 * the latest position). An expired (empty) track stays empty.
	 */
	@Override
	public Optional<List<TrackPoint>> track(String carId, Instant since, int limit) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		RedisFuture<byte[]> latest = readPosition(commands, carId);
		// newest first; the writer trims it back to max-points only every few points
		RedisFuture<List<byte[]>> members = commands.lrange(bytes(this.keys.track(carId)), 0, this.trackMaxPoints - 1);
		byte[] latestValue = RedisReads.await(latest, this.timeout);
		if (latestValue == null) {
			return Optional.empty();
		}
		List<TrackPoint> points = new ArrayList<>(this.trackMaxPoints + 1);
		for (byte[] member : RedisReads.await(members, this.timeout)) {
			points.add(TrackPoint.parse(new String(member, StandardCharsets.UTF_8)));
		}
		// an empty track is an expired one (the car has been silent): it stays empty
		if (!points.isEmpty()) {
			TrackPoint newest = StoredPosition.toTrackPoint(latestValue);
			if (newest.ts() > points.get(0).ts()) {
				points.add(0, newest);
				if (points.size() > this.trackMaxPoints) {
					points.remove(points.size() - 1);
				}
			}
		}
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

	private RedisFuture<byte[]> readPosition(RedisClusterAsyncCommands<byte[], byte[]> commands, String carId) {
		return commands.hget(bytes(this.keys.positions(this.keys.shardOf(carId))), bytes(carId));
	}

	private static long sum(List<Long> counts) {
		return counts.stream().mapToLong(Long::longValue).sum();
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
