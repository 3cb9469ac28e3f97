package io.fleetstream.alert.episodes;

import io.fleetstream.alert.store.AlertKeys;
import io.fleetstream.alert.store.RedisFutures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.fleetstream.alert.evaluation.CarAlerts;
import io.fleetstream.alert.evaluation.KnownConditions;
import io.fleetstream.common.redis.AsyncRedis;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partition hashes ({@link AlertKeys#partition}): loaded in bulk, written one atomic
 * HSET per partition per batch.
 */
final class PartitionStore {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final AsyncRedis redis;

	private final Duration timeout;

	PartitionStore(AsyncRedis redis, Duration timeout) {
		this.redis = redis;
		this.timeout = timeout;
	}

	/** Every partition's state, with one pipelined HGETALL each. */
	Map<TopicPartition, PartitionState> load(Collection<TopicPartition> partitions) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		Map<TopicPartition, CompletionStage<Map<byte[], byte[]>>> reads = new LinkedHashMap<>();
		for (TopicPartition partition : partitions) {
			reads.put(partition, commands.hgetall(AlertKeys.partition(partition)));
		}
		Map<TopicPartition, PartitionState> states = new HashMap<>();
		reads.forEach((partition, read) -> states.put(partition, parse(RedisFutures.await(read, this.timeout))));
		return states;
	}

	private static PartitionState parse(Map<byte[], byte[]> hash) {
		PartitionState state = new PartitionState();
		hash.forEach((field, value) -> {
			String name = AlertKeys.string(field);
			if (name.startsWith(AlertKeys.CAR)) {
				state.cars.put(name.substring(AlertKeys.CAR.length()), json.readValue(value, CarAlerts.class));
			}
			else if (name.startsWith(AlertKeys.OUT)) {
				state.outbox.put(name.substring(AlertKeys.OUT.length()), json.readValue(value, OutboxEntry.class));
			}
			else if (name.equals(AlertKeys.OFFSET)) {
				state.offset = Long.parseLong(AlertKeys.string(value));
			}
		});
		return state;
	}

	/** What one batch changed in one partition: written together, or not at all. */
	static final class Changes {

		final Map<String, CarAlerts> cars = new LinkedHashMap<>();

		final List<OutboxEntry> entries = new ArrayList<>();

		/** The cars' condition values after the batch (memory only, not written). */
		final Map<String, KnownConditions> conditions = new HashMap<>();

		/** The partition's new offset ({@link PartitionState#offset}), else -1. */
		long offset = -1;

		boolean isEmpty() {
			return this.cars.isEmpty() && this.entries.isEmpty() && this.offset < 0;
		}

	}

	/** Writes each partition's changes with one HSET (atomic per partition). */
	void write(Map<TopicPartition, Changes> changes) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		List<CompletionStage<?>> writes = new ArrayList<>();
		changes.forEach((partition, change) -> {
			if (change.isEmpty()) {
				return;
			}
			Map<byte[], byte[]> fields = new LinkedHashMap<>();
			change.cars.forEach(
					(car, state) -> fields.put(AlertKeys.bytes(AlertKeys.CAR + car), json.writeValueAsBytes(state)));
			change.entries.forEach((entry) -> fields
				.put(AlertKeys.bytes(AlertKeys.OUT + entry.event().notificationId()), json.writeValueAsBytes(entry)));
			if (change.offset >= 0) {
				fields.put(AlertKeys.bytes(AlertKeys.OFFSET), AlertKeys.bytes(Long.toString(change.offset)));
			}
			writes.add(commands.hset(AlertKeys.partition(partition), fields));
		});
		RedisFutures.awaitAll(writes, this.timeout);
	}

	void markPublished(TopicPartition partition, List<OutboxEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		Map<byte[], byte[]> fields = new LinkedHashMap<>();
		entries.forEach((entry) -> fields.put(AlertKeys.bytes(AlertKeys.OUT + entry.event().notificationId()),
				json.writeValueAsBytes(entry)));
		RedisFutures.await(this.redis.commands().hset(AlertKeys.partition(partition), fields), this.timeout);
	}

	void remove(TopicPartition partition, List<OutboxEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		byte[][] fields = entries.stream()
			.map((entry) -> AlertKeys.bytes(AlertKeys.OUT + entry.event().notificationId()))
			.toArray(byte[][]::new);
		RedisFutures.await(this.redis.commands().hdel(AlertKeys.partition(partition), fields), this.timeout);
	}

}
