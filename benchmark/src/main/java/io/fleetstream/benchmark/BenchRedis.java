package io.fleetstream.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import io.fleetstream.ingest.position.PackedPosition;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * The harness's own view of the run's redis-server: flushing between phases, command
 * statistics, and checking what was stored. Separate from the connection the writer under
 * test uses.
 */
final class BenchRedis implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	BenchRedis(int port) {
		this.client = RedisClient.create("redis://127.0.0.1:" + port);
		this.connection = this.client.connect();
	}

	RedisCommands<String, String> sync() {
		return this.connection.sync();
	}

	void flushAndResetStats() {
		sync().flushall();
		sync().configResetstat();
	}

	long dbSize() {
		return sync().dbsize();
	}

	long pid() {
		return Long.parseLong(infoField("server", "process_id"));
	}

	String infoField(String section, String field) {
		for (String line : sync().info(section).split("\r?\n")) {
			if (line.startsWith(field + ":")) {
				return line.substring(field.length() + 1).trim();
			}
		}
		throw new IllegalStateException("No " + field + " in INFO " + section);
	}

	/** {@code INFO commandstats}: per command, calls and microseconds per call. */
	Map<String, String> commandStats() {
		Map<String, String> stats = new LinkedHashMap<>();
		for (String line : sync().info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_")) {
				String[] nameAndValues = line.substring("cmdstat_".length()).split(":", 2);
				stats.put(nameAndValues[0], nameAndValues[1]);
			}
		}
		return stats;
	}

	/**
	 * Reads each car's stored event time (the first field of its value in its shard's
	 * positions hash), pipelined.
	 * @return the stored times, {@code -1} where a car has no position
	 */
	long[] storedTs(List<String> carIds, PositionKeys keys) {
		var async = this.connection.async();
		List<RedisFuture<String>> replies = new ArrayList<>(carIds.size());
		for (String carId : carIds) {
			replies.add(async.hget(keys.positions(keys.shardOf(carId)), carId));
		}
		long[] stored = new long[carIds.size()];
		for (int i = 0; i < stored.length; i++) {
			try {
				String value = replies.get(i).get(30, TimeUnit.SECONDS);
				stored[i] = (value != null) ? PackedPosition.decode(value).ts() : -1;
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not read the position of " + carIds.get(i), ex);
			}
		}
		return stored;
	}

	/**
	 * Each car's position in one geo key, pipelined.
	 * @return per car {lat, lng}, {@code null} where the car is not in the key
	 */
	double[][] geoPositions(String key, List<String> carIds) {
		var async = this.connection.async();
		RedisFuture<List<io.lettuce.core.GeoCoordinates>> reply = async.geopos(key, carIds.toArray(new String[0]));
		try {
			List<io.lettuce.core.GeoCoordinates> positions = reply.get(60, TimeUnit.SECONDS);
			double[][] result = new double[carIds.size()][];
			for (int i = 0; i < result.length; i++) {
				io.lettuce.core.GeoCoordinates position = positions.get(i);
				result[i] = (position != null)
						? new double[] { position.getY().doubleValue(), position.getX().doubleValue() } : null;
			}
			return result;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the geo positions in " + key, ex);
		}
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
