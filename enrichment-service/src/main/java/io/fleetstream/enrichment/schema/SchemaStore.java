package io.fleetstream.enrichment.schema;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.common.redis.LuaScript;
import io.fleetstream.enrichment.redis.RedisReplies;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learned schemas in Redis (docs/redis-keys.md, "Schemas"), and the atomic claim that
 * makes each change published once across instances and restarts. Called once per topic
 * at first sight, per batch while a topic is learning, and per new change: never per
 * record of a known shape.
 */
public class SchemaStore {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final AsyncRedis redis;

	private final Duration timeout;

	private final LuaScript claim = LuaScript.load("/scripts/claim-schema-change.lua");

	public SchemaStore(AsyncRedis redis, Duration timeout) {
		this.redis = redis;
		this.timeout = timeout;
	}

	/** A topic's known paths and how many of its records were learned. */
	public TopicSchema load(String topic) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		long deadline = deadline();
		CompletableFuture<Long> added = commands.sadd(bytes(SchemaKeys.TOPICS), bytes(topic)).toCompletableFuture();
		CompletableFuture<Map<byte[], byte[]>> paths = commands.hgetall(bytes(SchemaKeys.paths(topic)))
			.toCompletableFuture();
		CompletableFuture<byte[]> learned = commands.get(bytes(SchemaKeys.learned(topic))).toCompletableFuture();
		RedisReplies.await(added, deadline, "loading schema of " + topic);
		Map<String, PathInfo> known = new LinkedHashMap<>();
		RedisReplies.await(paths, deadline, "loading schema of " + topic)
			.forEach((path, info) -> known.put(string(path), PathInfo.parse(string(info))));
		byte[] count = RedisReplies.await(learned, deadline, "loading schema of " + topic);
		return new TopicSchema(known, (count != null) ? Long.parseLong(string(count)) : 0);
	}

	/** Counts records learned silently; returns the count before them. */
	public long addLearned(String topic, int records) {
		long total = RedisReplies.await(
				this.redis.commands().incrby(bytes(SchemaKeys.learned(topic)), records).toCompletableFuture(),
				deadline(), "counting learned records of " + topic);
		return total - records;
	}

	/**
	 * Claims the changes (pipelined); {@code learn} records them as known without
	 * publishing.
	 * @return the events the caller must publish, by change id
	 */
	public Map<String, String> claim(List<SchemaChange> changes, boolean learn, String claimer, long nowMs,
			Duration lease) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		Map<String, CompletableFuture<List<Object>>> replies = new LinkedHashMap<>();
		for (SchemaChange change : changes) {
			String path = (change.path() != null) ? change.path() : "";
			String record = (change.newType() != null)
					? new PathInfo(change.newType(), change.firstSeen(), change.partition(), change.offset()).toJson()
					: "";
			replies.put(change.id(), claim(commands, change.topic(), change.id(), path, record,
					MAPPER.writeValueAsString(change.toJson()), claimer, nowMs, lease, learn));
		}
		return toPublish(replies);
	}

	/** Takes over changes whose claimer did not confirm the publish within the lease. */
	public Map<String, String> claimExpired(String topic, String claimer, long nowMs, Duration lease) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		Map<byte[], byte[]> pending = RedisReplies.await(
				commands.hgetall(bytes(SchemaKeys.pending(topic))).toCompletableFuture(), deadline(),
				"reading pending schema changes of " + topic);
		Map<String, CompletableFuture<List<Object>>> replies = new LinkedHashMap<>();
		pending.forEach((id, entry) -> {
			String[] parts = string(entry).split("\\|", 3);
			if (nowMs - Long.parseLong(parts[1]) > lease.toMillis()) {
				replies.put(string(id), claim(commands, topic, string(id), "", "", "", claimer, nowMs, lease, false));
			}
		});
		return toPublish(replies);
	}

	/** The changes are published: their claims are final. */
	public void confirm(String topic, List<String> ids) {
		if (ids.isEmpty()) {
			return;
		}
		byte[][] fields = ids.stream().map(SchemaStore::bytes).toArray(byte[][]::new);
		RedisReplies.await(this.redis.commands().hdel(bytes(SchemaKeys.pending(topic)), fields).toCompletableFuture(),
				deadline(), "confirming schema changes of " + topic);
	}

	/** Every topic with a learned schema (REST API). */
	public List<String> topics() {
		List<String> topics = new ArrayList<>();
		RedisReplies
			.await(this.redis.commands().smembers(bytes(SchemaKeys.TOPICS)).toCompletableFuture(), deadline(),
					"reading schema topics")
			.forEach((topic) -> topics.add(string(topic)));
		topics.sort(null);
		return topics;
	}

	/** A topic's known paths (REST API); empty when the topic has none. */
	public Map<String, PathInfo> paths(String topic) {
		Map<String, PathInfo> paths = new java.util.TreeMap<>();
		RedisReplies
			.await(this.redis.commands().hgetall(bytes(SchemaKeys.paths(topic))).toCompletableFuture(), deadline(),
					"reading schema of " + topic)
			.forEach((path, info) -> paths.put(string(path), PathInfo.parse(string(info))));
		return paths;
	}

	private CompletableFuture<List<Object>> claim(RedisClusterAsyncCommands<byte[], byte[]> commands, String topic,
			String id, String path, String record, String event, String claimer, long nowMs, Duration lease,
			boolean learn) {
		byte[][] keys = { bytes(SchemaKeys.paths(topic)), bytes(SchemaKeys.changes(topic)),
				bytes(SchemaKeys.pending(topic)) };
		return this.claim.call(commands, ScriptOutputType.MULTI, keys, bytes(id), bytes(path), bytes(record),
				bytes(event), bytes(claimer), bytes(String.valueOf(nowMs)), bytes(String.valueOf(lease.toMillis())),
				bytes(learn ? "learn" : "claim"));
	}

	private Map<String, String> toPublish(Map<String, CompletableFuture<List<Object>>> replies) {
		long deadline = deadline();
		Map<String, String> publish = new LinkedHashMap<>();
		replies.forEach((id, reply) -> {
			List<Object> result = RedisReplies.await(reply, deadline, "claiming schema changes");
			if (((Long) result.get(0)) == 1L) {
				publish.put(id, string((byte[]) result.get(1)));
			}
		});
		return publish;
	}

	private long deadline() {
		return System.nanoTime() + this.timeout.toNanos();
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String string(byte[] value) {
		return new String(value, StandardCharsets.UTF_8);
	}

	/**
	 * @param known the topic's paths
	 * @param learnedRecords records of the topic learned silently so far
	 */
	public record TopicSchema(Map<String, PathInfo> known, long learnedRecords) {

		public Map<String, JsonType> types() {
			Map<String, JsonType> types = new HashMap<>();
			this.known.forEach((path, info) -> types.put(path, info.type()));
			return types;
		}

	}

	/**
	 * What is known of a path.
	 *
	 * @param type its JSON type
	 * @param firstSeen event time (epoch ms) of the record that first showed it with this
	 * type
	 * @param partition that record's partition
	 * @param offset that record's offset
	 */
	public record PathInfo(JsonType type, long firstSeen, int partition, long offset) {

		String toJson() {
			return MAPPER.writeValueAsString(Map.of("type", this.type.wireName(), "firstSeen", this.firstSeen,
					"partition", this.partition, "offset", this.offset));
		}

		static PathInfo parse(String json) {
			JsonNode node = MAPPER.readTree(json);
			return new PathInfo(JsonType.valueOf(node.get("type").asString().toUpperCase(java.util.Locale.ROOT)),
					node.get("firstSeen").asLong(), node.get("partition").asInt(), node.get("offset").asLong());
		}

	}

}
