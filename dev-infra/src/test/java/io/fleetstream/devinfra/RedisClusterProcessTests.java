package io.fleetstream.devinfra;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Redis Cluster of three masters that together serve every hash slot, on the ports
 * it reports.
 */
class RedisClusterProcessTests {

	@Test
	void threeMastersServeEverySlot() {
		try (RedisClusterProcess cluster = RedisClusterProcess.start(3)) {
			assertThat(cluster.ports()).hasSize(3).doesNotHaveDuplicates();
			assertThat(cluster.nodes().split(",")).hasSize(3).allMatch((node) -> node.startsWith("127.0.0.1:"));
			RedisClient client = RedisClient.create("redis://127.0.0.1:" + cluster.ports().get(0));
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(connection.sync().clusterInfo()).contains("cluster_state:ok",
							"cluster_slots_assigned:16384", "cluster_size:3"));
			}
			finally {
				client.shutdown();
			}
		}
	}

}
