package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.enrichment.redis.RedisReplies.RedisUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code apply-state.lua} on a real redis-server, without the in-memory merge in front of
 * it (as on a replay after a restart): a signal is written only at or after its stored
 * event time, per signal within one call, and a change larger than one Lua {@code unpack}
 * is written whole; a batch's calls, encoded ahead and written together, reach every car
 * and the partition index, also when the server has lost the script.
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

	@Test
	void aBatchOfSeveralPartitionsWritesEveryCarsSetsRemovalsAndArraysAndIndexesThem() {
		write(set("car-a",
				Map.of("tyres[0]", signal(1, 1000), "tyres[1]", signal(2, 1000), "tyres[2]", signal(3, 1000))));
		Map<Integer, Map<String, StateChange>> batch = new LinkedHashMap<>();
		batch.put(0, Map.of("car-a", new StateChange("car-a", new LinkedHashMap<>(Map.of("tyres[0]", signal(7, 2000))),
				Map.of("tyres[1]", 2000L, "tyres[2]", 2000L), Map.of("tyres", 2000L), List.of("tyres[0]"))));
		Map<String, StateChange> partition3 = new LinkedHashMap<>();
		partition3.put("car-b", set("car-b", Map.of("gps.lat", signal(52, 3000))));
		partition3.put("car-ü", set("car-ü", Map.of("türen.vorne", signal(1, 4000))));
		batch.put(3, partition3);
		this.store.write(batch);
		CarState a = this.store.read("car-a");
		assertThat(a.signals()).containsOnlyKeys("tyres[0]");
		assertThat(text(a.signals().get("tyres[0]"))).isEqualTo("7@2000");
		assertThat(a.arrays()).containsExactly(Map.entry("tyres", 2000L));
		assertThat(text(this.store.read("car-b").signals().get("gps.lat"))).isEqualTo("52@3000");
		assertThat(text(this.store.read("car-ü").signals().get("türen.vorne"))).isEqualTo("1@4000");
		assertThat(this.store.load(List.of(0, 3))).satisfies((loaded) -> {
			assertThat(loaded.get(0)).containsOnlyKeys("car-a");
			assertThat(loaded.get(3)).containsOnlyKeys("car-b", "car-ü");
		});
	}

	/**
	 * A node that does not hold the script (restarted, failed over, flushed) gets it in
	 * full, and the write is applied.
	 */
	@Test
	void aServerThatLostTheScriptIsSentItsSource() {
		write(set("car-1", Map.of("speed", signal(50, 2000))));
		this.connections.getConnection().scriptingCommands().scriptFlush();
		Map<String, StateChange> two = new LinkedHashMap<>();
		two.put("car-1", set("car-1", Map.of("speed", signal(60, 3000))));
		two.put("car-2", set("car-2", Map.of("speed", signal(70, 3000))));
		this.store.write(Map.of(0, two));
		assertThat(text(this.store.read("car-1").signals().get("speed"))).isEqualTo("60@3000");
		assertThat(text(this.store.read("car-2").signals().get("speed"))).isEqualTo("70@3000");
	}

	/** A call Redis refuses fails the write (the pipeline retries the batch). */
	@Test
	void aRefusedCallFailsTheWrite() {
		this.connections.getConnection()
			.stringCommands()
			.set(StateKeys.times("car-9").getBytes(StandardCharsets.UTF_8),
					"not a hash".getBytes(StandardCharsets.UTF_8));
		assertThatThrownBy(() -> write(set("car-9", Map.of("speed", signal(1, 1000)))))
			.isInstanceOf(RedisUnavailableException.class)
			.hasMessageContaining("writing vehicle state")
			.hasMessageContaining("WRONGTYPE");
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
