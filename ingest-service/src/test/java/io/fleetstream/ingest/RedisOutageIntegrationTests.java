package io.fleetstream.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.RedisProcess;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: the redis-server process is stopped for 10 s while fixes keep arriving, then
 * started again (with its append-only file, as a restarted ElastiCache node keeps its
 * data). Must hold: the service does not crash, no record is dead-lettered, and every
 * car's final position is its newest fix.
 */
@SpringBootTest(properties = { "fleet.routes.gps.topics=it.fault.redis.gps",
		"spring.kafka.consumer.group-id=it-fault-redis", "fleet.ingest.redis-timeout=2s",
		"spring.data.redis.timeout=2s", "fleet.kafka.retry.max-interval=2s", "fleet.kafka.create-topics=true" })
class RedisOutageIntegrationTests {

	private static final String TOPIC = "it.fault.redis.gps";

	private static final RedisProcess redisProcess = RedisProcess.startDurable();

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	PositionKeys keys;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ConfigurableApplicationContext context;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
		registry.add("spring.data.redis.host", redisProcess::host);
		registry.add("spring.data.redis.port", redisProcess::port);
	}

	@AfterAll
	static void stopRedis() {
		redisProcess.stop();
	}

	@Test
	void redisStoppedForTenSecondsLosesNothingAndDeadLettersNothing() throws Exception {
		int cars = 100;
		int rounds = 40;
		long base = System.currentTimeMillis() - 3_600_000;
		Map<String, Long> newest = new HashMap<>();
		CompletableFuture<Void> production;
		try (GpsTestData producer = new GpsTestData()) {
			production = CompletableFuture.runAsync(() -> {
				for (int round = 0; round < rounds; round++) {
					for (int car = 0; car < cars; car++) {
						long ts = base + round * 1000L;
						producer.send(TOPIC, "outage-" + car,
								GpsTestData.fix(37.4 + car * 0.001, 127.0 + round * 0.0001, ts));
					}
					producer.flush();
					pause(Duration.ofMillis(500));
				}
			});
			PositionStoreReader reader = new PositionStoreReader(this.redis, this.keys);
			await().atMost(Duration.ofSeconds(30)).until(() -> reader.storedTs("outage-0") > 0);

			redisProcess.stop();
			pause(Duration.ofSeconds(10));
			assertThat(this.context.isActive()).isTrue();
			redisProcess.start();

			production.get();
			for (int car = 0; car < cars; car++) {
				newest.put("outage-" + car, base + (rounds - 1) * 1000L);
			}
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> newest
					.forEach((carId, ts) -> assertThat(reader.storedTs(carId)).as(carId).isEqualTo(ts)));
		}
		assertThat(this.meters.get("fleet.batch.retries").counter().count()).as("batches retried while Redis was down")
			.isPositive();
		assertThat(KafkaTestSupport.readAll(TOPIC + "-dlt")).isEmpty();
		assertThat(this.meters.find("fleet.records.deadlettered").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(KafkaTestSupport.lag("it-fault-redis", TOPIC)).isZero());
	}

	/** The fault's duration: waiting on nothing is the point here. */
	private static void pause(Duration duration) {
		await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
	}

}
