package io.fleetstream.enrichment.snapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.fleetstream.testsupport.SharedRedis;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Reads (and empties) a test's snapshot database on the shared redis-server. */
final class SnapshotRedis implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> redis;

	SnapshotRedis(int database) {
		this.client = RedisClient.create(RedisURI.builder()
			.withHost(SharedRedis.standalone().host())
			.withPort(SharedRedis.standalone().port())
			.withDatabase(database)
			.build());
		this.connection = this.client.connect();
		this.redis = this.connection.sync();
	}

	void flush() {
		this.redis.flushdb();
	}

	/** Every car's attribute hash, by car id. */
	Map<String, Map<String, String>> cars() {
		Map<String, Map<String, String>> cars = new TreeMap<>();
		String prefix = SnapshotKeys.car("");
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<String> page = this.redis.scan(cursor, ScanArgs.Builder.matches("fleet:{snapshot}:car:*"));
			page.getKeys().forEach((key) -> cars.put(key.substring(prefix.length()), this.redis.hgetall(key)));
			cursor = page;
		}
		while (!cursor.isFinished());
		return cars;
	}

	Map<String, String> deviceIndex() {
		return new HashMap<>(this.redis.hgetall(SnapshotKeys.deviceCar()));
	}

	java.util.Set<String> devicesOf(String carId) {
		return this.redis.smembers(SnapshotKeys.devicesOf(carId));
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
