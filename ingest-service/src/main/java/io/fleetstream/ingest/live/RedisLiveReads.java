package io.fleetstream.ingest.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.ingest.position.PackedPosition;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * One poll of the live feed against the position store ({@code docs/redis-keys.md}): per
 * shard one {@code ZRANGEBYSCORE fleet:{s}:seen} of the recent last-seen times, all
 * shards sent together, then one {@code HMGET fleet:{s}:pos} (per at most
 * {@link #FIELDS_PER_HMGET} cars) of only the cars that changed, again all together. Two
 * round trips per poll, whatever the fleet size; nothing is written.
 */
class RedisLiveReads {

	static final int FIELDS_PER_HMGET = 1000;

	private final AsyncRedis redis;

	private final PositionKeys keys;

	private final Duration timeout;

	RedisLiveReads(AsyncRedis redis, PositionKeys keys, Duration timeout) {
		this.redis = redis;
		this.keys = keys;
		this.timeout = timeout;
	}

	/**
	 * The cars whose position changed since the tracker's last poll (every car on a
	 * {@code full} poll), recorded in the tracker.
	 * @throws RedisException when Redis fails or does not answer in time (the tracker's
	 * cursors may have moved: the next full comparison repairs what was missed)
	 */
	LiveChange poll(DeltaTracker tracker, boolean full, long nowMs) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		int shards = this.keys.shardCount();
		List<RedisFuture<List<ScoredValue<byte[]>>>> seenReads = new ArrayList<>(shards);
		for (int shard = 0; shard < shards; shard++) {
			double lower = full ? DeltaTracker.fullLowerBound() : tracker.lowerBound(shard, nowMs);
			Range<Double> range = Double.isInfinite(lower) ? Range.unbounded()
					: Range.from(Range.Boundary.including(lower), Range.Boundary.unbounded());
			seenReads.add(commands.zrangebyscoreWithScores(bytes(this.keys.seen(shard)), range));
		}
		List<List<ScoredValue<byte[]>>> seen = awaitAll(seenReads);
		Set<String> present = full ? new HashSet<>() : null;
		List<RedisFuture<List<KeyValue<byte[], byte[]>>>> positionReads = new ArrayList<>();
		for (int shard = 0; shard < shards; shard++) {
			List<DeltaTracker.Seen> cars = new ArrayList<>(seen.get(shard).size());
			for (ScoredValue<byte[]> member : seen.get(shard)) {
				cars.add(new DeltaTracker.Seen(new String(member.getValue(), StandardCharsets.UTF_8),
						(long) member.getScore()));
			}
			if (present != null) {
				cars.forEach((car) -> present.add(car.carId()));
			}
			List<String> changed = tracker.changed(shard, cars);
			byte[] positions = bytes(this.keys.positions(shard));
			for (int from = 0; from < changed.size(); from += FIELDS_PER_HMGET) {
				List<String> chunk = changed.subList(from, Math.min(changed.size(), from + FIELDS_PER_HMGET));
				positionReads
					.add(commands.hmget(positions, chunk.stream().map(RedisLiveReads::bytes).toArray(byte[][]::new)));
			}
		}
		Map<String, PackedPosition> moved = new LinkedHashMap<>();
		for (List<KeyValue<byte[], byte[]>> values : awaitAll(positionReads)) {
			for (KeyValue<byte[], byte[]> value : values) {
				if (value.hasValue()) {
					String carId = new String(value.getKey(), StandardCharsets.UTF_8);
					PackedPosition position = PackedPosition.decode(value.getValue());
					if (tracker.accept(carId, position)) {
						moved.put(carId, position);
					}
				}
			}
		}
		List<String> gone = (present != null) ? tracker.retainOnly(present) : List.of();
		return new LiveChange(moved, gone);
	}

	private <T> List<T> awaitAll(List<RedisFuture<T>> futures) {
		if (!LettuceFutures.awaitAll(this.timeout, futures.toArray(new Future<?>[0]))) {
			throw new RedisCommandTimeoutException("No answer from Redis within " + this.timeout.toMillis() + " ms");
		}
		List<T> results = new ArrayList<>(futures.size());
		for (RedisFuture<T> future : futures) {
			try {
				results.add(future.get());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RedisException("Interrupted while reading live positions", ex);
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof RedisException redisException) ? redisException
						: new RedisException(ex.getCause());
			}
		}
		return results;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
