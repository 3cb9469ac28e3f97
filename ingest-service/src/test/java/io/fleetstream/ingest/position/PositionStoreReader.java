package io.fleetstream.ingest.position;

import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads the stored latest position of a car straight from Redis, for assertions that do
 * not depend on the REST API.
 */
public record PositionStoreReader(StringRedisTemplate redis, PositionKeys keys) {

	public Map<Object, Object> position(String carId) {
		return this.redis.opsForHash().entries(this.keys.position(carId));
	}

	public long storedTs(String carId) {
		Object ts = this.redis.opsForHash().get(this.keys.position(carId), "ts");
		return (ts != null) ? Long.parseLong(ts.toString()) : -1;
	}

}
