package io.fleetstream.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.RealInfrastructure;
import io.fleetstream.testsupport.RealInfrastructure.RedisMode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.geo.Circle;
import org.springframework.data.geo.Distance;
import org.springframework.data.geo.Metrics;
import org.springframework.data.geo.Point;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ingest-service against a real 3-master Redis Cluster: every shard's script call stays
 * in one slot (no CROSSSLOT), the shards spread over all masters, and geo queries over
 * the sharded index find every car.
 */
@SpringBootTest(properties = { "fleet.routes.gps.topics=it.cluster.gps", "spring.kafka.consumer.group-id=it-cluster",
		"fleet.kafka.create-topics=true" })
@RealInfrastructure(redis = RedisMode.CLUSTER)
class RedisClusterIngestIntegrationTests {

	private static final String TOPIC = "it.cluster.gps";

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisConnectionFactory connectionFactory;

	@Autowired
	PositionKeys keys;

	@Autowired
	MeterRegistry meters;

	@Test
	void fixesAreWrittenAcrossAllMastersAndFoundByGeoQueries() {
		int cars = 300;
		long ts = System.currentTimeMillis() - 5000;
		try (GpsTestData producer = new GpsTestData()) {
			for (int car = 0; car < cars; car++) {
				producer.send(TOPIC, "cluster-" + car,
						GpsTestData.fix(37.55 + (car % 20) * 0.001, 126.97 + (car / 20) * 0.001, ts));
			}
			producer.flush();
		}
		PositionStoreReader reader = new PositionStoreReader(this.redis, this.keys);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (int car = 0; car < cars; car++) {
				assertThat(reader.storedTs("cluster-" + car)).isEqualTo(ts);
			}
		});

		Set<String> found = new HashSet<>();
		Circle area = new Circle(new Point(126.978, 37.56), new Distance(5, Metrics.KILOMETERS));
		for (int shard = 0; shard < this.keys.shardCount(); shard++) {
			var results = this.redis.opsForGeo().search(this.keys.geo(shard), area);
			if (results != null) {
				results.forEach((result) -> found.add(result.getContent().getName()));
			}
		}
		assertThat(found).hasSize(cars);

		try (RedisClusterConnection cluster = this.connectionFactory.getClusterConnection()) {
			Set<String> mastersHoldingShards = new HashSet<>();
			for (int shard = 0; shard < this.keys.shardCount(); shard++) {
				RedisClusterNode node = cluster.clusterGetNodeForKey(this.keys.geo(shard).getBytes());
				mastersHoldingShards.add(node.getHost() + ":" + node.getPort());
			}
			Set<String> masters = java.util.stream.StreamSupport.stream(cluster.clusterGetNodes().spliterator(), false)
				.filter(RedisClusterNode::isMaster)
				.map((node) -> node.getHost() + ":" + node.getPort())
				.collect(Collectors.toSet());
			assertThat(mastersHoldingShards).as("masters holding geo shards").isEqualTo(masters).hasSize(3);
		}
		assertThat(this.meters.find("fleet.batch.retries").counter().count()).as("failed batches (e.g. CROSSSLOT)")
			.isZero();
	}

}
