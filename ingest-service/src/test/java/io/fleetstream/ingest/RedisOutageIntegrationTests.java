package io.fleetstream.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: the redis-server process is stopped for 10 s while fixes keep arriving, then
 * started again (with its append-only file, as a restarted ElastiCache node keeps its
 * data). 100 cars, 40 rounds of one fix per car (4,000 fixes): rounds 0-9 (1,000 fixes)
 * are produced and stored before the stop, rounds 10-29 (2,000 fixes) are produced while
 * Redis is down, one round per 500 ms, and rounds 30-39 (1,000 fixes) after the restart.
 * {@code spring.data.redis.timeout} is 2 s, back-off at most 2 s.
 *
 * <p>
 * Must hold: at least 2 batches retried (each failed attempt takes 2 s plus back-off, so
 * a 10 s outage makes at least 3); 0 records dead-lettered, by the counter and by a
 * complete read of the dead-letter topic; afterwards every car's track holds all 40 of
 * its fixes, newest first, and its latest position is round 39 (the service kept
 * consuming after the outage); at least 4,000 records written; lag 0.
 */
@SpringBootTest(
		properties = { "fleet.routes.gps.topics=it.fault.redis.gps", "spring.kafka.consumer.group-id=it-fault-redis",
				"spring.data.redis.timeout=2s", "fleet.kafka.retry.max-interval=2s", "fleet.kafka.create-topics=true" })
class RedisOutageIntegrationTests {

	private static final String TOPIC = "it.fault.redis.gps";

	private static final int CARS = 100;

	private static final int ROUNDS = 40;

	private static final RedisProcess redisProcess = RedisProcess.startDurable();

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	PositionKeys keys;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
		registry.add("spring.data.redis.host", redisProcess::host);
		registry.add("spring.data.redis.port", redisProcess::port);
	}

	@AfterAll
	static void stopRedis() {
		redisProcess.close();
	}

	@Test
	void redisStoppedForTenSecondsLosesNothingAndDeadLettersNothing() throws Exception {
		long base = System.currentTimeMillis() - 600_000;
		PositionStoreReader reader = new PositionStoreReader(this.redis, this.keys);
		double retriesBefore = this.meters.get("fleet.batch.retries").counter().count();
		try (GpsTestData producer = new GpsTestData()) {
			produce(producer, base, 0, 10);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> allCarsAt(reader, ts(base, 9)));

			redisProcess.stop();
			for (int round = 10; round < 30; round++) {
				produce(producer, base, round, round + 1);
				pause(Duration.ofMillis(500));
			}
			redisProcess.start();
			produce(producer, base, 30, ROUNDS);
		}

		// the test's own connection may still be reconnecting at first
		await().atMost(Duration.ofSeconds(90))
			.ignoreExceptionsInstanceOf(DataAccessException.class)
			.untilAsserted(() -> allCarsAt(reader, ts(base, ROUNDS - 1)));
		List<Long> expectedTrack = new ArrayList<>();
		for (int round = ROUNDS - 1; round >= 0; round--) {
			expectedTrack.add(ts(base, round));
		}
		for (int car = 0; car < CARS; car++) {
			assertThat(this.redis.opsForList().range(this.keys.track(car(car)), 0, -1)).as("track of %s", car(car))
				.extracting((point) -> Long.parseLong(point.substring(0, point.indexOf(','))))
				.containsExactlyElementsOf(expectedTrack);
		}
		assertThat(this.meters.get("fleet.batch.retries").counter().count() - retriesBefore)
			.as("batches retried while Redis was down")
			.isGreaterThanOrEqualTo(2);
		assertThat(this.meters.get("fleet.records.written").tag("topic", TOPIC).counter().count()).as("records written")
			.isGreaterThanOrEqualTo(CARS * ROUNDS);
		List<Counter> deadLettered = List
			.copyOf(this.meters.find("fleet.records.deadlettered").tag("topic", TOPIC).counters());
		assertThat(deadLettered).as("dead-letter counters of the topic").hasSize(1);
		assertThat(deadLettered.get(0).count()).as("records dead-lettered").isZero();
		assertThat(KafkaTestSupport.readAll(TOPIC + "-dlt")).as("records in the dead-letter topic").isEmpty();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(KafkaTestSupport.lag("it-fault-redis", TOPIC)).isZero());
	}

	private static void produce(GpsTestData producer, long base, int fromRound, int toRound) {
		for (int round = fromRound; round < toRound; round++) {
			for (int car = 0; car < CARS; car++) {
				producer.send(TOPIC, car(car),
						GpsTestData.fix(37.4 + car * 0.001, 127.0 + round * 0.0001, ts(base, round)));
			}
		}
		producer.flush();
	}

	private static void allCarsAt(PositionStoreReader reader, long ts) {
		for (int car = 0; car < CARS; car++) {
			assertThat(reader.storedTs(car(car))).as(car(car)).isEqualTo(ts);
		}
	}

	private static String car(int car) {
		return "outage-" + car;
	}

	private static long ts(long base, int round) {
		return base + round * 1000L;
	}

	/**
	 * Paces the producer (the fault's timing): a deliberate pause, not a wait for a
	 * condition, so it is a plain sleep rather than an await that cannot fail.
	 */
	private static void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

}
