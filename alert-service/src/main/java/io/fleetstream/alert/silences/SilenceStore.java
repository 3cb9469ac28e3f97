package io.fleetstream.alert.silences;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fleetstream.alert.store.AlertKeys;
import io.fleetstream.alert.store.RedisFutures;
import io.fleetstream.common.redis.AsyncRedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * The silences, in one Redis hash ({@link AlertKeys#SILENCES}) that every instance reads
 * before it decides whether a transition is e-mailed. Ended silences are removed when a
 * read meets them.
 */
public class SilenceStore {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final AsyncRedis redis;

	private final Duration timeout;

	public SilenceStore(AsyncRedis redis, Duration timeout) {
		this.redis = redis;
		this.timeout = timeout;
	}

	public void save(Silence silence) {
		RedisFutures.await(
				this.redis.commands()
					.hset(AlertKeys.SILENCES, AlertKeys.bytes(silence.id()), json.writeValueAsBytes(silence)),
				this.timeout);
	}

	public boolean delete(String id) {
		Long removed = RedisFutures.await(this.redis.commands().hdel(AlertKeys.SILENCES, AlertKeys.bytes(id)),
				this.timeout);
		return removed != null && removed > 0;
	}

	public Optional<Silence> find(String id) {
		byte[] value = RedisFutures.await(this.redis.commands().hget(AlertKeys.SILENCES, AlertKeys.bytes(id)),
				this.timeout);
		return Optional.ofNullable(value).map((bytes) -> json.readValue(bytes, Silence.class));
	}

	/**
	 * The silences that have not ended at {@code now} (active or future), by end time.
	 */
	public List<Silence> current(Instant now) {
		Map<byte[], byte[]> all = RedisFutures.await(this.redis.commands().hgetall(AlertKeys.SILENCES), this.timeout);
		List<Silence> current = new ArrayList<>();
		List<byte[]> ended = new ArrayList<>();
		all.forEach((id, value) -> {
			Silence silence = json.readValue(value, Silence.class);
			if (now.isBefore(silence.endsAt())) {
				current.add(silence);
			}
			else {
				ended.add(id);
			}
		});
		if (!ended.isEmpty()) {
			this.redis.commands().hdel(AlertKeys.SILENCES, ended.toArray(byte[][]::new));
		}
		current.sort(Comparator.comparing(Silence::endsAt));
		return current;
	}

	/** The active silence that mutes the car's rule at {@code now}, if any. */
	public static Optional<Silence> muting(List<Silence> silences, String carId, String ruleId, Instant now) {
		return silences.stream()
			.filter((silence) -> silence.activeAt(now) && silence.matches(carId, ruleId))
			.findFirst();
	}

}
