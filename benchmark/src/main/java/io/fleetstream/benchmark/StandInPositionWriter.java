package io.fleetstream.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import io.fleetstream.common.gps.GpsFix;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * TEMPORARY: models the position script of docs/redis-keys.md until ingest-service's
 * PositionWriter lands, so the harness can be exercised end to end.
 */
final class StandInPositionWriter implements FixWriter {

	private static final String SCRIPT = """
			local n = 0
			for i = 1, #ARGV, 7 do
			  local car, lat, lng, ts = ARGV[i], ARGV[i+1], ARGV[i+2], tonumber(ARGV[i+3])
			  local prefix = string.sub(KEYS[1], 1, -4)
			  local pos = prefix .. 'pos:' .. car
			  local stored = tonumber(redis.call('HGET', pos, 'ts') or '0')
			  if ts > stored then
			    redis.call('HSET', pos, 'lat', lat, 'lng', lng, 'ts', ts, 'speedKmh', ARGV[i+4], 'heading', ARGV[i+5], 'kafkaTs', ARGV[i+6], 'geo', '1')
			    redis.call('GEOADD', KEYS[1], lng, lat, car)
			    redis.call('ZADD', KEYS[2], ts, car)
			    n = n + 1
			  end
			  local track = prefix .. 'track:' .. car
			  redis.call('ZADD', track, ts, ts .. ',' .. lat .. ',' .. lng)
			  redis.call('ZREMRANGEBYRANK', track, 0, -121)
			  redis.call('PEXPIRE', track, 3600000)
			end
			return n
			""";

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final PositionKeys keys = new PositionKeys(16);

	private final String sha;

	StandInPositionWriter(int port) {
		this.client = RedisClient.create("redis://127.0.0.1:" + port);
		this.connection = this.client.connect();
		this.sha = this.connection.sync().scriptLoad(SCRIPT);
	}

	@Override
	public void write(List<GpsFix> fixes) {
		List<List<String>> argsByShard = new ArrayList<>();
		for (int i = 0; i < this.keys.shardCount(); i++) {
			argsByShard.add(new ArrayList<>());
		}
		for (GpsFix fix : fixes) {
			argsByShard.get(this.keys.shardOf(fix.carId()))
				.addAll(List.of(fix.carId(), String.valueOf(fix.lat()), String.valueOf(fix.lng()),
						String.valueOf(fix.ts()), String.valueOf(fix.speedKmh()), String.valueOf(fix.heading()),
						String.valueOf(fix.kafkaTs())));
		}
		RedisAsyncCommands<String, String> async = this.connection.async();
		List<RedisFuture<Long>> replies = new ArrayList<>();
		for (int shard = 0; shard < argsByShard.size(); shard++) {
			if (!argsByShard.get(shard).isEmpty()) {
				replies.add(async.evalsha(this.sha, ScriptOutputType.INTEGER,
						new String[] { this.keys.geo(shard), this.keys.seen(shard) },
						argsByShard.get(shard).toArray(String[]::new)));
			}
		}
		for (RedisFuture<Long> reply : replies) {
			try {
				reply.get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Position write failed", ex);
			}
		}
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
