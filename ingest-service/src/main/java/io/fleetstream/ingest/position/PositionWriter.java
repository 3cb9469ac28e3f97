package io.fleetstream.ingest.position;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.common.redis.LuaScript;
import io.fleetstream.ingest.IngestProperties;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * Writes batches of fixes to Redis: the batch is split by shard (and into chunks of at
 * most {@value #MAX_FIXES_PER_CALL} fixes, so no single call holds the server for long),
 * and one script call per chunk applies its fixes atomically and order-safely. All calls
 * are sent before any reply is awaited, so a batch costs one round trip per node.
 */
public class PositionWriter {

	static final int MAX_FIXES_PER_CALL = 500;

	private final AsyncRedis redis;

	private final PositionKeys keys;

	private final LuaScript script = LuaScript.load("/scripts/apply-fixes.lua");

	private final ShardBatch.TrackSettings track;

	private final Duration timeout;

	public PositionWriter(AsyncRedis redis, PositionKeys keys, IngestProperties.Track track, Duration timeout) {
		this.redis = redis;
		this.keys = keys;
		if (track.resolution().isNegative()) {
			throw new IllegalArgumentException("fleet.ingest.track.resolution must not be negative");
		}
		this.track = ShardBatch.TrackSettings.of(track.enabled() ? track.maxPoints() : 0, track.maxAge().toMillis(),
				track.resolution().toMillis());
		this.timeout = timeout;
	}

	/**
	 * Applies the fixes.
	 * @return how many cars got a new latest position, and how many fixes were stale
	 * @throws PositionWriteException if Redis did not apply them all in time
	 */
	public Outcome write(List<GpsFix> fixes) {
		List<ShardBatch> batches = split(fixes);
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		List<CompletableFuture<List<Long>>> replies = new ArrayList<>(batches.size());
		for (ShardBatch batch : batches) {
			replies.add(this.script.call(commands, ScriptOutputType.MULTI, batch.keys, batch.args));
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		int applied = 0;
		int stale = 0;
		for (CompletableFuture<List<Long>> reply : replies) {
			List<Long> counts = await(reply, deadline);
			applied += counts.get(0).intValue();
			stale += counts.get(1).intValue();
		}
		return new Outcome(applied, stale);
	}

	private List<ShardBatch> split(List<GpsFix> fixes) {
		List<List<GpsFix>> byShard = new ArrayList<>(this.keys.shardCount());
		for (int i = 0; i < this.keys.shardCount(); i++) {
			byShard.add(new ArrayList<>());
		}
		for (GpsFix fix : fixes) {
			byShard.get(this.keys.shardOf(fix.carId())).add(fix);
		}
		List<ShardBatch> batches = new ArrayList<>();
		for (int shard = 0; shard < byShard.size(); shard++) {
			List<GpsFix> shardFixes = byShard.get(shard);
			for (int from = 0; from < shardFixes.size(); from += MAX_FIXES_PER_CALL) {
				List<GpsFix> chunk = shardFixes.subList(from, Math.min(shardFixes.size(), from + MAX_FIXES_PER_CALL));
				batches.add(ShardBatch.of(shard, chunk, this.keys, this.track));
			}
		}
		return batches;
	}

	private static List<Long> await(CompletableFuture<List<Long>> reply, long deadlineNanos) {
		try {
			return reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new PositionWriteException("Redis did not apply the batch in time", ex);
		}
		catch (ExecutionException ex) {
			throw new PositionWriteException("Redis failed to apply the batch: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PositionWriteException("Interrupted while writing the batch", ex);
		}
	}

	/**
	 * What a write did.
	 *
	 * @param applied cars whose latest position a fix of the write replaced (at most one
	 * per car, however many of its fixes the write held)
	 * @param stale fixes older than or equal to their car's newest known fix when they
	 * arrived (the stored one, or an earlier fix of the same write): kept out of the
	 * latest position, inserted into the track (if kept) at their place. An in-order fix
	 * that a newer fix of the same car overtook in the same write is not stale.
	 */
	public record Outcome(int applied, int stale) {
	}

}
