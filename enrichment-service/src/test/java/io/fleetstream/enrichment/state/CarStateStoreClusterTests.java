package io.fleetstream.enrichment.state;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.testsupport.SharedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The state write on a real 3-master Redis Cluster: a batch's script calls are encoded by
 * the service and handed to Lettuce together ({@code RedisBatch}), and must still reach
 * every car's slot on every master (Lettuce routes them by the key the service encoded,
 * which {@code RespArgumentsTests} compares with Lettuce's own), the partition indexes
 * included; masters that lost the script get it in full.
 */
class CarStateStoreClusterTests {

	private static final int CARS = 300;

	private LettuceConnectionFactory connections;

	private CarStateStore store;

	@BeforeEach
	void connect() {
		// a cluster just started answers CLUSTERDOWN until every node has agreed on the
		// slots
		onEveryNode((node) -> await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(node.clusterInfo()).contains("cluster_state:ok")));
		onEveryNode(RedisCommands::flushdb);
		this.connections = new LettuceConnectionFactory(
				new RedisClusterConfiguration(List.of(SharedRedis.cluster().nodes().split(","))));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.store = new CarStateStore(new AsyncRedis(this.connections), Duration.ofSeconds(10));
	}

	@AfterEach
	void disconnect() {
		this.connections.destroy();
	}

	@Test
	void aBatchOfCarsOnEveryMasterIsWrittenToEachCarsSlotAndIndexed() {
		assertThat(mastersHolding(cars())).as("masters holding the cars' state keys").hasSize(3);
		this.store.write(batch(1000));
		assertEveryCarHas(1000);
	}

	@Test
	void mastersThatLostTheScriptAreSentItsSource() {
		this.store.write(batch(1000));
		onEveryNode(RedisCommands::scriptFlush);
		this.store.write(batch(2000));
		assertEveryCarHas(2000);
	}

	/**
	 * A command on each node of the cluster (all masters): a cluster connection would
	 * send a keyless command such as {@code SCRIPT FLUSH} to one only.
	 */
	private static void onEveryNode(Consumer<RedisCommands<String, String>> command) {
		for (int port : SharedRedis.cluster().ports()) {
			RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				command.accept(connection.sync());
			}
			finally {
				client.shutdown();
			}
		}
	}

	private void assertEveryCarHas(long timeMs) {
		for (String car : cars()) {
			Signal speed = this.store.read(car).signals().get("speed");
			assertThat(speed).as("%s's speed", car).isNotNull();
			assertThat(speed.timeMs()).as("%s's speed time", car).isEqualTo(timeMs);
		}
		Map<Integer, Map<String, CarState>> loaded = this.store.load(List.of(0, 1, 2));
		Set<String> indexed = new HashSet<>();
		loaded.values().forEach((cars) -> indexed.addAll(cars.keySet()));
		assertThat(indexed).as("cars in the partitions' indexes").containsExactlyInAnyOrderElementsOf(cars());
	}

	private Map<Integer, Map<String, StateChange>> batch(long timeMs) {
		Map<Integer, Map<String, StateChange>> batch = new LinkedHashMap<>();
		List<String> cars = cars();
		for (int i = 0; i < cars.size(); i++) {
			String car = cars.get(i);
			Map<String, Signal> signals = new LinkedHashMap<>();
			signals.put("speed", new Signal(JsonNodeFactory.instance.numberNode(i), timeMs));
			batch.computeIfAbsent(i % 3, (partition) -> new LinkedHashMap<>())
				.put(car, new StateChange(car, signals, Map.of(), Map.of(), List.of("speed")));
		}
		return batch;
	}

	private Set<String> mastersHolding(List<String> cars) {
		Set<String> masters = new HashSet<>();
		try (RedisClusterConnection connection = this.connections.getClusterConnection()) {
			for (String car : cars) {
				masters.add(connection.clusterGetNodeForKey(StateKeys.values(car).getBytes()).getId());
			}
		}
		return masters;
	}

	private static List<String> cars() {
		return java.util.stream.IntStream.range(0, CARS).mapToObj((i) -> "cluster-car-" + i).toList();
	}

}
