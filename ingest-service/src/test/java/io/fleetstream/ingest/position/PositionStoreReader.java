package io.fleetstream.ingest.position;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetstream.common.gps.GpsFix;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads the stored latest position of a car straight from Redis, for assertions that do
 * not depend on the REST API.
 */
public record PositionStoreReader(StringRedisTemplate redis, PositionKeys keys) {

	/**
	 * The car's stored value unpacked by name: {@code ts}, {@code lat}, {@code lng},
	 * {@code speedKmh}, {@code heading} as stored (empty when not sent) and {@code geo}
	 * ({@code 1} when the position is within the geo-indexable latitude); empty when the
	 * car has no position.
	 */
	public Map<Object, Object> position(String carId) {
		String value = stored(carId);
		Map<Object, Object> fields = new LinkedHashMap<>();
		if (value == null) {
			return fields;
		}
		String[] parts = value.split(",", -1);
		fields.put("ts", parts[0]);
		fields.put("lat", parts[1]);
		fields.put("lng", parts[2]);
		fields.put("speedKmh", parts[3]);
		fields.put("heading", parts[4]);
		fields.put("geo", (Math.abs(Double.parseDouble(parts[1])) <= GpsFix.MAX_GEO_INDEXABLE_LAT) ? "1" : "0");
		return fields;
	}

	public long storedTs(String carId) {
		String value = stored(carId);
		return (value != null) ? PackedPosition.decode(value).ts() : -1;
	}

	/** The car's raw value in its shard's positions hash. */
	public String stored(String carId) {
		Object value = this.redis.opsForHash().get(this.keys.positions(this.keys.shardOf(carId)), carId);
		return (value != null) ? value.toString() : null;
	}

}
