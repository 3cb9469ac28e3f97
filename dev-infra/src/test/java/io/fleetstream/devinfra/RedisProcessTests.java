package io.fleetstream.devinfra;

import java.nio.file.Files;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real redis-server processes: an ephemeral one answers and stops without leaving its
 * port bound, a durable one keeps its data across a stop and a start on the same port and
 * leaves no files behind once closed.
 */
class RedisProcessTests {

	@Test
	void ephemeralServerAnswersThenStopsAndFreesItsPort() {
		RedisProcess redis = RedisProcess.startEphemeral();
		try {
			assertThat(redis.isRunning()).isTrue();
			String pong = call(redis, RedisCommands::ping);
			assertThat(pong).isEqualTo("PONG");
		}
		finally {
			redis.close();
		}
		assertThat(redis.isRunning()).isFalse();
		assertThat(FreePorts.isFree(redis.port())).isTrue();
	}

	@Test
	void durableServerKeepsItsDataAcrossAStopAndAStartThenCloseDeletesIt() {
		RedisProcess redis = RedisProcess.startDurable();
		try {
			call(redis, (commands) -> commands.set("fleet:test", "kept"));
			redis.stop();
			redis.start();
			String kept = call(redis, (commands) -> commands.get("fleet:test"));
			assertThat(kept).isEqualTo("kept");
			assertThat(redis.directory()).isDirectoryContaining((file) -> file.getFileName().toString().endsWith(".aof")
					|| file.getFileName().toString().startsWith("appendonly"));
		}
		finally {
			redis.close();
		}
		assertThat(Files.exists(redis.directory())).as("%s is deleted", redis.directory()).isFalse();
	}

	static <T> T call(RedisProcess redis, Function<RedisCommands<String, String>, T> command) {
		RedisClient client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return command.apply(connection.sync());
		}
		finally {
			client.shutdown();
		}
	}

}
