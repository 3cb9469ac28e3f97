package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.enrichment.redis.EncodedScript;
import io.fleetstream.enrichment.redis.RedisBatch;
import io.fleetstream.enrichment.redis.RedisReplies;
import io.fleetstream.enrichment.redis.RespArguments;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vehicle state in Redis (docs/redis-keys.md, "Vehicle state"): written per batch
 * (one script call per changed car and one {@code SADD} per partition, all pipelined),
 * read in bulk when partitions are assigned. Nothing here is called per record.
 */
public class CarStateStore {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** A first guess of a script call's encoded size (a GPS fix: about 250 bytes). */
	private static final int BYTES_PER_CALL = 320;

	private final AsyncRedis redis;

	private final Duration timeout;

	private final EncodedScript script = EncodedScript.load("/scripts/apply-state.lua");

	public CarStateStore(AsyncRedis redis, Duration timeout) {
		this.redis = redis;
		this.timeout = timeout;
	}

	/**
	 * Writes the batch's changes (coalesced per car) and indexes the cars by partition,
	 * all in one write to the connection ({@link RedisBatch}).
	 */
	public void write(Map<Integer, Map<String, StateChange>> changesByPartition) {
		int cars = 0;
		for (Map<String, StateChange> changes : changesByPartition.values()) {
			cars += changes.size();
		}
		RedisBatch batch = new RedisBatch(BYTES_PER_CALL * cars);
		changesByPartition.forEach((partition, changes) -> {
			if (!changes.isEmpty()) {
				CommandArgs<byte[], byte[]> members = RedisBatch.args()
					.addKey(StateKeys.bytes(StateKeys.partition(partition)));
				changes.keySet().forEach((car) -> members.addValue(car.getBytes(StandardCharsets.UTF_8)));
				batch.add(CommandType.SADD, RedisBatch.integer(), members);
			}
			for (StateChange change : changes.values()) {
				if (!change.isEmpty()) {
					arguments(change, batch.call(this.script, 3));
				}
			}
		});
		batch.execute(this.redis, this.timeout, "writing vehicle state");
	}

	/**
	 * The state of every car indexed under the partitions: one pipelined round of
	 * {@code SMEMBERS}, then one of {@code HGETALL}s.
	 */
	public Map<Integer, Map<String, CarState>> load(Collection<Integer> partitions) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Map<Integer, CompletableFuture<Set<byte[]>>> members = new HashMap<>();
		for (int partition : partitions) {
			members.put(partition,
					commands.smembers(StateKeys.bytes(StateKeys.partition(partition))).toCompletableFuture());
		}
		Map<Integer, Map<String, CompletableFuture<List<Map<byte[], byte[]>>>>> reads = new HashMap<>();
		members.forEach((partition, reply) -> {
			Map<String, CompletableFuture<List<Map<byte[], byte[]>>>> cars = new HashMap<>();
			for (byte[] member : RedisReplies.await(reply, deadline, "loading vehicle state")) {
				String car = new String(member, StandardCharsets.UTF_8);
				cars.put(car, read(commands, car));
			}
			reads.put(partition, cars);
		});
		Map<Integer, Map<String, CarState>> loaded = new HashMap<>();
		reads.forEach((partition, cars) -> {
			Map<String, CarState> states = new HashMap<>();
			cars.forEach((car, reply) -> states.put(car,
					toState(RedisReplies.await(reply, deadline, "loading vehicle state"))));
			loaded.put(partition, states);
		});
		return loaded;
	}

	/** One car's stored state (for the REST API), or {@code null} when none is stored. */
	public CarState read(String carId) {
		List<Map<byte[], byte[]>> hashes = RedisReplies.await(read(this.redis.commands(), carId),
				System.nanoTime() + this.timeout.toNanos(), "reading vehicle state");
		return hashes.get(0).isEmpty() ? null : toState(hashes);
	}

	private static CompletableFuture<List<Map<byte[], byte[]>>> read(RedisClusterAsyncCommands<byte[], byte[]> commands,
			String car) {
		CompletableFuture<Map<byte[], byte[]>> values = commands.hgetall(StateKeys.bytes(StateKeys.values(car)))
			.toCompletableFuture();
		CompletableFuture<Map<byte[], byte[]>> times = commands.hgetall(StateKeys.bytes(StateKeys.times(car)))
			.toCompletableFuture();
		CompletableFuture<Map<byte[], byte[]>> arrays = commands.hgetall(StateKeys.bytes(StateKeys.arrays(car)))
			.toCompletableFuture();
		return CompletableFuture.allOf(values, times, arrays)
			.thenApply((ignored) -> List.of(values.join(), times.join(), arrays.join()));
	}

	private static CarState toState(List<Map<byte[], byte[]>> hashes) {
		Map<String, String> times = strings(hashes.get(1));
		CarState state = new CarState();
		strings(hashes.get(0)).forEach((path, json) -> {
			String time = times.get(path);
			if (time != null) {
				JsonNode value = MAPPER.readTree(json);
				state.restore(SignalPaths.shared(path),
						new Signal(value, Long.parseLong(time), json.getBytes(StandardCharsets.UTF_8)));
			}
		});
		strings(hashes.get(2)).forEach((path, time) -> state.restoreArray(path, Long.parseLong(time)));
		return state;
	}

	private static Map<String, String> strings(Map<byte[], byte[]> hash) {
		Map<String, String> strings = new HashMap<>();
		hash.forEach((field, value) -> strings.put(new String(field, StandardCharsets.UTF_8),
				new String(value, StandardCharsets.UTF_8)));
		return strings;
	}

	/** The script's keys and arguments (see apply-state.lua), encoded as they go. */
	private static void arguments(StateChange change, RespArguments args) {
		StateKeys.carKeys(change.carId(), args);
		args.bulk(change.set().size());
		args.bulk(change.removed().size());
		args.bulk(change.arrays().size());
		// the signals of one update share its event time: its digits are made once
		long time = Long.MIN_VALUE;
		byte[] timeBytes = null;
		for (Map.Entry<String, Signal> set : change.set().entrySet()) {
			if (set.getValue().timeMs() != time || timeBytes == null) {
				time = set.getValue().timeMs();
				timeBytes = ascii(time);
			}
			args.bulk(SignalPaths.utf8(set.getKey()));
			args.bulk(set.getValue().json());
			args.bulk(timeBytes);
		}
		for (Map.Entry<String, Long> removed : change.removed().entrySet()) {
			args.bulk(utf8(removed.getKey()));
			args.bulk(removed.getValue());
		}
		for (Map.Entry<String, Long> array : change.arrays().entrySet()) {
			args.bulk(utf8(array.getKey()));
			args.bulk(array.getValue());
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] ascii(long number) {
		return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
	}

}
