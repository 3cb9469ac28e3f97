package io.fleetstream.alert.episodes;

import io.fleetstream.alert.store.AlertKeys;
import io.fleetstream.alert.store.RedisFutures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.fleetstream.common.redis.AsyncRedis;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The episodes the API shows: one hash per episode ({@link AlertKeys#episode}) and an
 * index by latest transition ({@link AlertKeys#EPISODES}). Writes are idempotent (the
 * same transition written twice leaves the same hash); an acknowledgement lives in its
 * own fields, which transitions never touch. A resolved episode, and an event that never
 * resolves (a schema change), expires after the retention; index entries of expired
 * episodes are dropped when a listing meets them.
 */
public class EpisodeStore {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final AsyncRedis redis;

	private final Duration timeout;

	private final Duration retention;

	public EpisodeStore(AsyncRedis redis, Duration timeout, Duration retention) {
		this.redis = redis;
		this.timeout = timeout;
		this.retention = retention;
	}

	void record(List<AlertEvent> events) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		List<CompletionStage<?>> writes = new ArrayList<>();
		for (AlertEvent event : events) {
			byte[] key = AlertKeys.episode(event.episodeId());
			Map<byte[], byte[]> fields = new LinkedHashMap<>();
			put(fields, "state", event.state());
			if (event.state().equals("FIRING")) {
				put(fields, "episodeId", event.episodeId());
				put(fields, "ruleId", event.ruleId());
				put(fields, "severity", event.severity());
				if (event.carId() != null) {
					put(fields, "carId", event.carId());
				}
				put(fields, "description", event.description());
				put(fields, "startedAt", Long.toString(event.startedAt()));
				put(fields, "firedAt", Long.toString(event.eventTime()));
				put(fields, "values", json.writeValueAsString(event.values()));
				put(fields, "silenced", Boolean.toString(event.silenced()));
				if (event.silenceId() != null) {
					put(fields, "silenceId", event.silenceId());
				}
			}
			else {
				put(fields, "resolvedAt", Long.toString(event.eventTime()));
			}
			writes.add(commands.hset(key, fields));
			if (event.state().equals("RESOLVED") || event.neverResolves()) {
				writes.add(commands.expire(key, this.retention.toSeconds()));
			}
			writes.add(commands.zadd(AlertKeys.EPISODES, event.eventTime(), AlertKeys.bytes(event.episodeId())));
		}
		RedisFutures.awaitAll(writes, this.timeout);
	}

	public Optional<Episode> find(String episodeId) {
		Map<byte[], byte[]> hash = RedisFutures.await(this.redis.commands().hgetall(AlertKeys.episode(episodeId)),
				this.timeout);
		return Optional.ofNullable(parse(hash));
	}

	/**
	 * Episodes newest first (by latest transition), matching the filter, at most
	 * {@code limit}; scans at most {@code scanLimit} of the newest index entries.
	 */
	public List<Episode> list(EpisodeFilter filter, int limit, int scanLimit) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		Range<Long> range = Range.create(filter.sinceMs(), Long.MAX_VALUE);
		List<Episode> found = new ArrayList<>();
		int offset = 0;
		int page = 200;
		while (found.size() < limit && offset < scanLimit) {
			List<byte[]> ids = RedisFutures
				.await(commands.zrevrangebyscore(AlertKeys.EPISODES, range, Limit.create(offset, page)), this.timeout);
			if (ids.isEmpty()) {
				break;
			}
			List<? extends CompletionStage<Map<byte[], byte[]>>> reads = ids.stream()
				.map((id) -> commands.hgetall(AlertKeys.bytes("fleet:alert:episode:" + AlertKeys.string(id))))
				.toList();
			List<byte[]> expired = new ArrayList<>();
			for (int i = 0; i < ids.size() && found.size() < limit; i++) {
				Episode episode = parse(RedisFutures.await(reads.get(i), this.timeout));
				if (episode == null) {
					expired.add(ids.get(i));
				}
				else if (filter.matches(episode)) {
					found.add(episode);
				}
			}
			if (!expired.isEmpty()) {
				commands.zrem(AlertKeys.EPISODES, expired.toArray(byte[][]::new));
			}
			offset += ids.size();
		}
		return found;
	}

	/**
	 * Records who acknowledged the episode; a second acknowledgement replaces the first.
	 * @return the acknowledged episode, or empty when there is no such episode
	 */
	public Optional<Episode> acknowledge(String episodeId, String by, Instant at, String comment) {
		byte[] key = AlertKeys.episode(episodeId);
		Long exists = RedisFutures.await(this.redis.commands().exists(key), this.timeout);
		if (exists == null || exists == 0) {
			return Optional.empty();
		}
		Map<byte[], byte[]> fields = new LinkedHashMap<>();
		put(fields, "ackBy", by);
		put(fields, "ackAt", Long.toString(at.toEpochMilli()));
		put(fields, "ackComment", (comment != null) ? comment : "");
		RedisFutures.await(this.redis.commands().hset(key, fields), this.timeout);
		return find(episodeId);
	}

	/**
	 * The acknowledgements of the episodes that have one, with one pipelined round of
	 * HMGETs.
	 */
	Map<String, Episode.Acknowledgement> acknowledgements(List<String> episodeIds) {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.redis.commands();
		Map<String, CompletionStage<List<KeyValue<byte[], byte[]>>>> reads = new LinkedHashMap<>();
		for (String episodeId : episodeIds) {
			reads.put(episodeId, commands.hmget(AlertKeys.episode(episodeId), AlertKeys.bytes("ackBy"),
					AlertKeys.bytes("ackAt"), AlertKeys.bytes("ackComment")));
		}
		Map<String, Episode.Acknowledgement> acknowledgements = new LinkedHashMap<>();
		reads.forEach((episodeId, read) -> {
			List<KeyValue<byte[], byte[]>> fields = RedisFutures.await(read, this.timeout);
			if (fields.size() == 3 && fields.get(0).hasValue() && fields.get(1).hasValue()) {
				String comment = fields.get(2).hasValue() ? AlertKeys.string(fields.get(2).getValue()) : "";
				acknowledgements.put(episodeId, new Episode.Acknowledgement(AlertKeys.string(fields.get(0).getValue()),
						instant(AlertKeys.string(fields.get(1).getValue())), comment.isEmpty() ? null : comment));
			}
		});
		return acknowledgements;
	}

	private static Episode parse(Map<byte[], byte[]> hash) {
		Map<String, String> fields = new LinkedHashMap<>();
		hash.forEach((field, value) -> fields.put(AlertKeys.string(field), AlertKeys.string(value)));
		if (!fields.containsKey("episodeId")) {
			return null;
		}
		Episode.Acknowledgement ack = null;
		if (fields.containsKey("ackBy")) {
			String comment = fields.get("ackComment");
			ack = new Episode.Acknowledgement(fields.get("ackBy"), instant(fields.get("ackAt")),
					(comment == null || comment.isEmpty()) ? null : comment);
		}
		return new Episode(fields.get("episodeId"), fields.get("ruleId"), fields.get("severity"), fields.get("carId"),
				fields.get("state"), fields.get("description"), instant(fields.get("startedAt")),
				instant(fields.get("firedAt")),
				fields.containsKey("resolvedAt") ? instant(fields.get("resolvedAt")) : null,
				json.readValue(fields.getOrDefault("values", "{}"), MAP), Boolean.parseBoolean(fields.get("silenced")),
				fields.get("silenceId"), ack);
	}

	private static Instant instant(String epochMs) {
		return Instant.ofEpochMilli(Long.parseLong(epochMs));
	}

	private static void put(Map<byte[], byte[]> fields, String name, String value) {
		fields.put(AlertKeys.bytes(name), AlertKeys.bytes(value));
	}

}
