package io.fleetstream.enrichment.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.enrichment.EnrichmentProperties.SnapshotSettings;
import io.fleetstream.common.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * Writes a batch of CDC records to Redis: chunks of at most
 * {@code fleet.enrichment.snapshot.max-records-per-call} records, each applied atomically
 * and order-safely by one script call that also moves the stored offsets of its records'
 * partitions forward; all calls are sent before any reply is awaited (one round trip).
 * Control records are never sent as data, but their offsets count.
 */
class RedisSnapshotWriter {

	private static final byte[] DELETE = bytes("x");

	private static final byte[] UPSERT = bytes("u");

	private static final byte[] CAR = bytes("c");

	private static final byte[] DEVICE = bytes("d");

	private static final byte[] NONE = new byte[0];

	private final AsyncRedis redis;

	private final RowCodec codec;

	private final SnapshotSettings settings;

	private final Duration timeout;

	private final LuaScript script = LuaScript.load("/scripts/apply-cdc.lua");

	RedisSnapshotWriter(AsyncRedis redis, RowCodec codec, SnapshotSettings settings, Duration timeout) {
		this.redis = redis;
		this.codec = codec;
		this.settings = settings;
		this.timeout = timeout;
	}

	/**
	 * @param generation the snapshot generation this instance loaded or started
	 * @param mayStart whether this instance may start a generation (Redis held none when
	 * it loaded, so it built its snapshot from the beginning of the topics)
	 * @return whether Redis still holds that generation (the offsets were recorded)
	 * @throws SnapshotWriteException if Redis did not apply every chunk in time
	 */
	boolean write(List<LoadRecord<CdcRecord>> records, String generation, boolean mayStart) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		byte[][] keys = { bytes(SnapshotKeys.generation()), bytes(SnapshotKeys.offsets()) };
		List<CompletableFuture<List<Long>>> replies = new ArrayList<>();
		int chunk = this.settings.maxRecordsPerCall();
		for (int from = 0; from < records.size(); from += chunk) {
			List<LoadRecord<CdcRecord>> part = records.subList(from, Math.min(records.size(), from + chunk));
			replies.add(this.script.<List<Long>>call(commands, ScriptOutputType.MULTI, keys,
					args(part, generation, mayStart)));
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		boolean accepted = true;
		for (CompletableFuture<List<Long>> reply : replies) {
			accepted &= await(reply, deadline).get(0) == 1L;
		}
		return accepted;
	}

	private byte[][] args(List<LoadRecord<CdcRecord>> records, String generation, boolean mayStart) {
		Map<String, Long> nextOffsets = new LinkedHashMap<>();
		List<byte[]> data = new ArrayList<>();
		for (LoadRecord<CdcRecord> record : records) {
			nextOffsets.merge(record.source().topic() + ":" + record.source().partition(), record.source().offset() + 1,
					Math::max);
			CdcRecord value = record.value();
			if (value.isControl()) {
				continue;
			}
			data.add((value.table() == CdcRecord.Table.CAR) ? CAR : DEVICE);
			data.add(value.operation().isDelete() ? DELETE : UPSERT);
			data.add(bytes(value.key()));
			data.add(bytes(value.version().encode()));
			data.add(value.operation().isDelete() ? NONE : bytes(this.codec.encode(value.columns())));
			data.add((value.carId() != null && value.table() == CdcRecord.Table.DEVICE) ? bytes(value.carId()) : NONE);
		}
		List<byte[]> args = new ArrayList<>(5 + 2 * nextOffsets.size() + data.size());
		args.add(bytes(SnapshotKeys.PREFIX));
		args.add(bytes(this.settings.joinColumn()));
		args.add(bytes(generation));
		args.add(bytes(mayStart ? "1" : "0"));
		args.add(bytes(Integer.toString(nextOffsets.size())));
		nextOffsets.forEach((partition, offset) -> {
			args.add(bytes(partition));
			args.add(bytes(Long.toString(offset)));
		});
		args.addAll(data);
		return args.toArray(byte[][]::new);
	}

	private static List<Long> await(CompletableFuture<List<Long>> reply, long deadlineNanos) {
		try {
			return reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new SnapshotWriteException("Redis did not apply the CDC batch in time", ex);
		}
		catch (ExecutionException ex) {
			throw new SnapshotWriteException("Redis failed to apply the CDC batch: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SnapshotWriteException("Interrupted while writing the CDC batch", ex);
		}
	}

	static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
