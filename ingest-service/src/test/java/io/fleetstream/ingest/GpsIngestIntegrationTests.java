package io.fleetstream.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.fleetstream.common.Topics;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ingest-service end to end on a real broker and a real redis-server: what is produced to
 * {@code cars.gps.json} ends up in Redis, newest fix wins, poison goes to the DLT.
 */
@IngestIntegrationTest
class GpsIngestIntegrationTests {

	private static GpsTestData producer;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	PositionKeys keys;

	@Autowired
	MeterRegistry meters;

	@BeforeAll
	static void startProducer() {
		producer = new GpsTestData();
	}

	@AfterAll
	static void stopProducer() {
		producer.close();
	}

	@Test
	void producedFixIsStoredAsLatestPosition() {
		long ts = System.currentTimeMillis() - 1000;
		producer.send(Topics.GPS, "it-single-1", GpsTestData.fix(37.5665, 126.978, ts));
		producer.flush();
		PositionStoreReader reader = new PositionStoreReader(this.redis, this.keys);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(reader.storedTs("it-single-1")).isEqualTo(ts));
		Map<Object, Object> position = reader.position("it-single-1");
		assertThat(position).containsEntry("lat", "37.5665")
			.containsEntry("lng", "126.978")
			.containsEntry("speedKmh", "42.5")
			.containsEntry("heading", "180.0")
			.containsEntry("geo", "1");
	}

	@Test
	void shuffledAndDuplicatedFixesLeaveEachCarAtItsNewestFixWithoutRegression() throws Exception {
		int cars = 50;
		int fixesPerCar = 40;
		long base = System.currentTimeMillis() - 600_000;
		List<String[]> records = new ArrayList<>();
		Map<String, Long> newest = new HashMap<>();
		for (int car = 0; car < cars; car++) {
			String carId = "it-shuffle-" + car;
			for (int i = 0; i < fixesPerCar; i++) {
				long ts = base + i * 1000L;
				String value = GpsTestData.fix(37.5 + car * 0.001 + i * 0.0001, 127.0 + i * 0.0001, ts);
				records.add(new String[] { carId, value });
				if (i % 5 == 0) {
					records.add(new String[] { carId, value }); // duplicate
				}
				newest.merge(carId, ts, Math::max);
			}
		}
		Collections.shuffle(records, new Random(42));
		PositionStoreReader reader = new PositionStoreReader(this.redis, this.keys);
		AtomicBoolean polling = new AtomicBoolean(true);
		AtomicInteger regressions = new AtomicInteger();
		Map<String, Long> lastSeen = new ConcurrentHashMap<>();
		Thread poller = new Thread(() -> {
			while (polling.get()) {
				for (String carId : newest.keySet()) {
					long ts = reader.storedTs(carId);
					Long previous = lastSeen.put(carId, ts);
					if (previous != null && ts < previous) {
						regressions.incrementAndGet();
					}
				}
			}
		});
		poller.start();
		records.forEach((record) -> producer.send(Topics.GPS, record[0], record[1]));
		producer.flush();
		try {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> newest
					.forEach((carId, ts) -> assertThat(reader.storedTs(carId)).as(carId).isEqualTo(ts)));
		}
		finally {
			polling.set(false);
			poller.join();
		}
		assertThat(regressions).as("stored ts going backwards, seen by a poller").hasValue(0);
		newest.forEach((carId,
				ts) -> assertThat(this.redis.opsForZSet().score(this.keys.seen(this.keys.shardOf(carId)), carId))
					.isEqualTo(ts.doubleValue()));
	}

	@Test
	void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndValidNeighboursAreStored() throws Exception {
		long now = System.currentTimeMillis();
		Map<String, String> poison = new java.util.LinkedHashMap<>();
		poison.put("it-poison-malformed", "{\"lat\":37.5,\"lng\":");
		poison.put("it-poison-missing", "{\"lng\":127.0,\"ts\":" + now + "}");
		poison.put("it-poison-nonnumeric", "{\"lat\":\"37.5\",\"lng\":127.0}");
		poison.put("it-poison-infinite", "{\"lat\":1e400,\"lng\":127.0}");
		poison.put("it-poison-lat", "{\"lat\":91.0,\"lng\":127.0}");
		poison.put("it-poison-lng", "{\"lat\":37.0,\"lng\":-180.5}");
		poison.put("it-poison-zero", "{\"lat\":0,\"lng\":0}");
		poison.put("it-poison-future", GpsTestData.fix(37.5, 127.0, now + Duration.ofHours(1).toMillis()));
		Map<String, String> expectedReasons = Map.of("it-poison-malformed", "malformed-json", "it-poison-missing",
				"missing-coordinate", "it-poison-nonnumeric", "non-numeric-coordinate", "it-poison-infinite",
				"non-finite-coordinate", "it-poison-lat", "latitude-out-of-range", "it-poison-lng",
				"longitude-out-of-range", "it-poison-zero", "null-island", "it-poison-future", "future-timestamp");
		List<String> valid = new ArrayList<>();
		int n = 0;
		for (Map.Entry<String, String> entry : poison.entrySet()) {
			String before = "it-poison-valid-" + n++;
			String after = "it-poison-valid-" + n++;
			producer.send(Topics.GPS, before, GpsTestData.fix(37.51, 127.01, now));
			producer.send(Topics.GPS, entry.getKey(), entry.getValue());
			producer.send(Topics.GPS, after, GpsTestData.fix(37.52, 127.02, now));
			valid.add(before);
			valid.add(after);
		}
		// a polar fix is valid: stored as latest position, not geo-indexed
		producer.send(Topics.GPS, "it-poison-polar", GpsTestData.fix(89.5, 10.0, now));
		producer.flush();

		PositionStoreReader reader = new PositionStoreReader(this.redis, this.keys);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			valid.forEach((carId) -> assertThat(reader.storedTs(carId)).as(carId).isEqualTo(now));
			assertThat(reader.storedTs("it-poison-polar")).isEqualTo(now);
		});
		assertThat(reader.position("it-poison-polar")).containsEntry("geo", "0");
		assertThat(
				this.redis.opsForGeo().position(this.keys.geo(this.keys.shardOf("it-poison-polar")), "it-poison-polar"))
			.containsOnlyNulls();
		poison.keySet().forEach((carId) -> assertThat(reader.storedTs(carId)).as(carId).isEqualTo(-1));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<String, ConsumerRecord<String, byte[]>> dead = new HashMap<>();
			KafkaTestSupport.readAll(Topics.GPS + "-dlt").forEach((record) -> dead.put(record.key(), record));
			expectedReasons.forEach((carId, reason) -> {
				ConsumerRecord<String, byte[]> record = dead.get(carId);
				assertThat(record).as("dead letter of " + carId).isNotNull();
				assertThat(KafkaTestSupport.header(record, "fleet_dlt-reason")).isEqualTo(reason);
				assertThat(KafkaTestSupport.header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.GPS);
				assertThat(KafkaTestSupport.header(record, "kafka_dlt-original-offset")).isNotBlank();
				assertThat(KafkaTestSupport.header(record, "kafka_dlt-exception-message")).startsWith(reason + ": ");
				assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8))
					.isEqualTo(poison.get(carId));
			});
			assertThat(dead).doesNotContainKeys(valid.toArray(String[]::new));
		});
		expectedReasons.values()
			.forEach((reason) -> assertThat(this.meters.get("fleet.records.rejected")
				.tags("topic", Topics.GPS, "reason", reason)
				.counter()
				.count()).as(reason).isGreaterThanOrEqualTo(1));
		assertThat(this.meters.get("fleet.positions.unindexed").counter().count()).isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(KafkaTestSupport.lag("fleetstream-ingest", Topics.GPS)).isZero());
	}

	@Test
	void deadLetterTopicHasAtLeastTheSourcesPartitions() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
			Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.GPS, Topics.GPS + "-dlt"))
				.allTopicNames()
				.get();
			assertThat(topics.get(Topics.GPS + "-dlt").partitions())
				.hasSizeGreaterThanOrEqualTo(topics.get(Topics.GPS).partitions().size());
		}
	}

}
