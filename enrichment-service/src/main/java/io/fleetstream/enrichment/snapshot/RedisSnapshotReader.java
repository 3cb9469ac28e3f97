package io.fleetstream.enrichment.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.enrichment.EnrichmentProperties.SnapshotSettings;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the whole snapshot back from Redis in bulk ({@code HSCAN} pages), in the order
 * that keeps it safe to read while other instances write: first the generation and the
 * offsets, then the versions, then the rows. Whatever is written meanwhile is at most
 * newer than the offsets say, and is replayed from them; a row is never labelled with a
 * version newer than its content.
 */
class RedisSnapshotReader {

	private final AsyncRedis redis;

	private final RowCodec codec;

	private final int pageSize;

	private final Duration timeout;

	RedisSnapshotReader(AsyncRedis redis, RowCodec codec, SnapshotSettings settings, Duration timeout) {
		this.redis = redis;
		this.codec = codec;
		this.pageSize = settings.loadPageSize();
		this.timeout = timeout;
	}

	Stored read() {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		byte[] generation = await(commands.get(bytes(SnapshotKeys.generation())));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		scan(commands, SnapshotKeys.offsets(), (field, value) -> offsets.put(partition(field), Long.parseLong(value)));
		Map<String, RowVersion> carVersions = versions(commands, CdcRecord.Table.CAR);
		Map<String, RowVersion> deviceVersions = versions(commands, CdcRecord.Table.DEVICE);
		Map<String, Map<String, Object>> cars = rows(commands, CdcRecord.Table.CAR);
		Map<String, Map<String, Object>> devices = rows(commands, CdcRecord.Table.DEVICE);
		return new Stored((generation != null) ? new String(generation, StandardCharsets.UTF_8) : null, offsets,
				new SnapshotStore.StoredSnapshot(cars, carVersions, devices, deviceVersions));
	}

	private Map<String, RowVersion> versions(RedisClusterAsyncCommands<byte[], byte[]> commands,
			CdcRecord.Table table) {
		Map<String, RowVersion> versions = new HashMap<>();
		scan(commands, SnapshotKeys.versions(table), (key, version) -> versions.put(key, RowVersion.decode(version)));
		return versions;
	}

	private Map<String, Map<String, Object>> rows(RedisClusterAsyncCommands<byte[], byte[]> commands,
			CdcRecord.Table table) {
		Map<String, Map<String, Object>> rows = new HashMap<>();
		scan(commands, SnapshotKeys.rows(table), (key, row) -> rows.put(key, this.codec.decode(row)));
		return rows;
	}

	private void scan(RedisClusterAsyncCommands<byte[], byte[]> commands, String key,
			BiConsumer<String, String> entry) {
		ScanArgs args = ScanArgs.Builder.limit(this.pageSize);
		byte[] name = bytes(key);
		MapScanCursor<byte[], byte[]> cursor = await(commands.hscan(name, ScanCursor.INITIAL, args));
		while (true) {
			cursor.getMap()
				.forEach((field, value) -> entry.accept(new String(field, StandardCharsets.UTF_8),
						new String(value, StandardCharsets.UTF_8)));
			if (cursor.isFinished()) {
				return;
			}
			cursor = await(commands.hscan(name, cursor, args));
		}
	}

	private static TopicPartition partition(String field) {
		int colon = field.lastIndexOf(':');
		return new TopicPartition(field.substring(0, colon), Integer.parseInt(field.substring(colon + 1)));
	}

	private <T> T await(CompletionStage<T> reply) {
		try {
			return reply.toCompletableFuture().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new SnapshotWriteException("Redis did not answer the snapshot read in time", ex);
		}
		catch (ExecutionException ex) {
			throw new SnapshotWriteException("Reading the snapshot from Redis failed: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SnapshotWriteException("Interrupted while reading the snapshot", ex);
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * @param generation the stored generation, {@code null} when Redis holds no snapshot
	 * progress (empty, or reset)
	 * @param offsets where the stored snapshot stands in each partition (next offset)
	 * @param snapshot the rows and versions
	 */
	record Stored(String generation, Map<TopicPartition, Long> offsets, SnapshotStore.StoredSnapshot snapshot) {
	}

}
