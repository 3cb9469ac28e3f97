package io.fleetstream.ingest;

import java.time.Duration;

import com.redis.testcontainers.RedisContainer;
import io.fleetstream.common.Topics;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same end-to-end path against container images of Kafka and Redis (wired by
 * {@code @ServiceConnection}), where a Docker engine exists; skipped, not failed, where
 * it does not.
 */
@SpringBootTest(properties = "fleet.kafka.create-topics=true")
@Testcontainers(disabledWithoutDocker = true)
class ContainerIngestIntegrationTests {

	@Container
	@ServiceConnection
	static final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka-native:4.1.1"));

	@Container
	@ServiceConnection
	static final RedisContainer redis = new RedisContainer(DockerImageName.parse("redis:7.4-alpine"));

	@Autowired
	StringRedisTemplate redisTemplate;

	@Autowired
	PositionKeys keys;

	@Test
	void producedFixesAreStoredNewestFirstAndPoisonIsNot() {
		long ts = System.currentTimeMillis() - 1000;
		try (GpsTestData producer = new GpsTestData(kafka.getBootstrapServers())) {
			producer.send(Topics.GPS, "tc-1", GpsTestData.fix(37.5665, 126.978, ts));
			producer.send(Topics.GPS, "tc-1", GpsTestData.fix(37.0, 126.0, ts - 5000));
			producer.send(Topics.GPS, "tc-2", "{\"lat\":91,\"lng\":0}");
			producer.flush();
		}
		PositionStoreReader reader = new PositionStoreReader(this.redisTemplate, this.keys);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reader.storedTs("tc-1")).isEqualTo(ts));
		assertThat(reader.position("tc-1")).containsEntry("lat", "37.5665");
		assertThat(reader.storedTs("tc-2")).isEqualTo(-1);
	}

}
