package io.fleetstream.enrichment.state;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.devinfra.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apply-state.lua} on a real redis-server, without the in-memory merge in front of
 * it (as on a replay after a restart): a signal is written only at or after its stored
 * event time, per signal within one call, and a change larger than one Lua {@code unpack}
 * is written whole.
 */
class CarStateStoreTests {

	private static RedisProcess server;

	private LettuceConnectionFactory connections;

	private CarStateStore store;

	@BeforeAll
	static void startRedis() {
		server = RedisProcess.startEphemeral();
	}

	@AfterAll
	static void stopRedis() {
		server.stop();
	}

	@BeforeEach
	void connect() {
		this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.connections.getConnection().serverCommands().flushDb();
		this.store = new CarStateStore(new AsyncRedis(this.connections), Duration.ofSeconds(10));
	}

	@AfterEach
	void disconnect() {
		this.connections.destroy();
	}

	@Test
	void anOlderSignalNeverOverwritesANewerOneAndAnEqualTimeIsApplied() {
		write(set("car-1", Map.of("speed", signal(50, 2000), "fuel", signal(40, 2000))));
		// speed older (not applied), fuel at the same time (applied), a new path
		// (applied)
		write(set("car-1", Map.of("speed", signal(10, 1000), "fuel", signal(39, 2000), "gear", signal(3, 1500))));
		Map<String, Signal> stored = this.store.read("car-1").signals();
		assertThat(text(stored.get("speed"))).isEqualTo("50@2000");
		assertThat(text(stored.get("fuel"))).isEqualTo("39@2000");
		assertThat(text(stored.get("gear"))).isEqualTo("3@1500");
		write(set("car-1", Map.of("speed", signal(60, 3000))));
		assertThat(text(this.store.read("car-1").signals().get("speed"))).isEqualTo("60@3000");
	}

	@Test
	void aChangeOfManyPathsIsWrittenWhole() {
		Map<String, Signal> many = new LinkedHashMap<>();
		for (int i = 0; i < 5000; i++) {
			many.put("tyre[" + i + "].kpa", signal(i, 1000 + i));
		}
		write(set("car-2", many));
		Map<String, Signal> stored = this.store.read("car-2").signals();
		assertThat(stored).hasSize(5000);
		assertThat(text(stored.get("tyre[4999].kpa"))).isEqualTo("4999@5999");
		assertThat(text(stored.get("tyre[0].kpa"))).isEqualTo("0@1000");
	}

	private void write(StateChange change) {
		this.store.write(Map.of(0, Map.of(change.carId(), change)));
	}

	private static StateChange set(String car, Map<String, Signal> signals) {
		return new StateChange(car, new LinkedHashMap<>(signals), Map.of(), Map.of(), List.copyOf(signals.keySet()));
	}

	/**
	 * value@time: JSON numbers read back are compared by their text, not their node type.
	 */
	private static String text(Signal signal) {
		return signal.value().toString() + "@" + signal.timeMs();
	}

	private static Signal signal(long value, long timeMs) {
		return new Signal(JsonNodeFactory.instance.numberNode(value), timeMs);
	}

}
