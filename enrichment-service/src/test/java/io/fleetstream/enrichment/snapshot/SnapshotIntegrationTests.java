package io.fleetstream.enrichment.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.kafka.RecordRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CDC route of enrichment-service end to end, on the real broker and a real
 * redis-server: a DMS sample set ends as the expected snapshot in Redis and in memory,
 * every replica holds all of it, and a restarted instance resumes from Redis or, with
 * Redis emptied, rebuilds from the topics. Each test has its own topics and its own Redis
 * database.
 */
class SnapshotIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final Instant T0 = DmsSamples.LOAD_TIME;

	@Test
	void dmsSampleSetEndsAsTheExpectedSnapshotInRedisAndMemoryWithTheMalformedRecordsDeadLettered() throws Exception {
		try (CdcTopics topics = CdcTopics.create("sample");
				SnapshotRedis redis = new SnapshotRedis(11);
				EnrichmentApps apps = new EnrichmentApps(topics.cars, topics.devices, 11)) {
			redis.flush();
			ExpectedSnapshot expected = new ExpectedSnapshot(topics);
			expected.load(100);
			expected.upsertCar("insert", DmsSamples.car(101), T0.plusSeconds(10));
			expected.upsertDevice("insert", DmsSamples.device(101, "car-101"), T0.plusSeconds(10));
			Map<String, Object> car5 = expected.car("car-005");
			car5.put("zone", "jongno");
			expected.upsertCar("update", car5, T0.plusSeconds(20));
			Map<String, Object> device7 = expected.device("dev-007");
			device7.put("firmware", "4.0.0");
			expected.upsertDevice("update", device7, T0.plusSeconds(20));
			expected.deleteCar("car-010", T0.plusSeconds(30));
			expected.deleteDevice("dev-020", T0.plusSeconds(30));
			Map<String, Object> moved = expected.device("dev-030");
			moved.put("car_id", "car-031");
			expected.upsertDevice("update", moved, T0.plusSeconds(40));
			Map<String, Object> car40 = expected.car("car-040");
			car40.put("zone", "yongsan");
			expected.upsertCar("update", car40, T0.plusSeconds(60));
			Map<String, Object> late = expected.car("car-040");
			late.put("zone", "seocho");
			expected.staleCarUpdate(late, T0.plusSeconds(50));
			expected.sendRaw(topics.cars, "fleet.carinfo",
					DmsSamples.control("carinfo", "add-column", T0.plusSeconds(70)));
			List<String> reasons = sendMalformed(expected, topics);

			ConfigurableApplicationContext app = apps.start();
			SnapshotStore store = app.getBean(SnapshotStore.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertMemoryHolds(store, expected));
			assertThat(store.referenceOf("car-010")).isEmpty();
			assertThat(store.referenceOf("car-031")).containsEntry("device_id", "dev-030");
			assertThat(store.referenceOf("car-030")).doesNotContainKey("device_id");
			assertRedisHolds(redis, expected);
			assertThat(redis.devicesOf("car-031")).containsExactlyInAnyOrder("dev-030", "dev-031");
			assertThat(redis.devicesOf("car-020")).isEmpty();

			await().atMost(TIMEOUT)
				.untilAsserted(
						() -> assertThat(deadLetterReasons(topics)).containsExactlyInAnyOrderElementsOf(reasons));
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			assertThat(meters.get("fleet.snapshot.cdc.stale")
				.tags("table", "carinfo", "operation", "update")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("fleet.snapshot.cdc.applied")
				.tags("table", "carinfo", "operation", "load")
				.counter()
				.count()).isEqualTo(100);
			assertThat(meters.get("fleet.snapshot.cdc.control").tag("operation", "add-column").counter().count())
				.isEqualTo(1);
			assertThat(meters.get("fleet.snapshot.cars").gauge().value()).isEqualTo(100);
			assertThat(meters.get("fleet.snapshot.devices").gauge().value()).isEqualTo(100);
			assertThat(meters.get("fleet.records.rejected")
				.tags("topic", topics.devices, "reason", "unknown-table")
				.counter()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void twoInstancesBothHoldTheWholeSnapshot() throws Exception {
		try (CdcTopics topics = CdcTopics.create("replicas");
				SnapshotRedis redis = new SnapshotRedis(12);
				EnrichmentApps apps = new EnrichmentApps(topics.cars, topics.devices, 12)) {
			redis.flush();
			ExpectedSnapshot expected = new ExpectedSnapshot(topics);
			expected.load(100);
			SnapshotStore first = apps.start().getBean(SnapshotStore.class);
			SnapshotStore second = apps.start().getBean(SnapshotStore.class);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertMemoryHolds(first, expected);
				assertMemoryHolds(second, expected);
			});
			Map<String, Object> car50 = expected.car("car-050");
			car50.put("zone", "jongno");
			expected.upsertCar("update", car50, T0.plusSeconds(5));
			Map<String, Object> moved = expected.device("dev-051");
			moved.put("car_id", "car-052");
			expected.upsertDevice("update", moved, T0.plusSeconds(5));
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertMemoryHolds(first, expected);
				assertMemoryHolds(second, expected);
			});
			assertRedisHolds(redis, expected);
		}
	}

	@Test
	void restartedInstanceResumesFromRedisAndWithRedisEmptiedRebuildsFromTheTopics() throws Exception {
		try (CdcTopics topics = CdcTopics.create("restart");
				SnapshotRedis redis = new SnapshotRedis(13);
				EnrichmentApps apps = new EnrichmentApps(topics.cars, topics.devices, 13)) {
			redis.flush();
			ExpectedSnapshot expected = new ExpectedSnapshot(topics);
			expected.load(100);
			ConfigurableApplicationContext first = apps.start();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertMemoryHolds(first.getBean(SnapshotStore.class), expected));
			first.close();

			int before = expected.produced();
			Map<String, Object> car1 = expected.car("car-001");
			car1.put("zone", "jongno");
			expected.upsertCar("update", car1, T0.plusSeconds(5));
			Map<String, Object> moved = expected.device("dev-002");
			moved.put("car_id", "car-003");
			expected.upsertDevice("update", moved, T0.plusSeconds(5));
			expected.deleteCar("car-004", T0.plusSeconds(5));
			expected.upsertCar("insert", DmsSamples.car(101), T0.plusSeconds(5));
			int whileDown = expected.produced() - before;

			ConfigurableApplicationContext second = apps.start();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertMemoryHolds(second.getBean(SnapshotStore.class), expected));
			// it loaded the load's 200 rows from Redis and read only what came after them
			assertThat(consumed(second, topics)).isEqualTo(whileDown);
			assertRedisHolds(redis, expected);
			second.close();

			redis.flush();
			ConfigurableApplicationContext third = apps.start();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertMemoryHolds(third.getBean(SnapshotStore.class), expected));
			assertThat(consumed(third, topics)).isEqualTo(expected.produced());
			assertRedisHolds(redis, expected);
		}
	}

	private static List<String> sendMalformed(ExpectedSnapshot expected, CdcTopics topics) {
		List<String> reasons = new ArrayList<>();
		expected.sendRaw(topics.cars, "bad-1", "this is not json");
		reasons.add("malformed-json");
		expected.sendRaw(topics.cars, "bad-2", """
				{"metadata": {"timestamp": "2026-12-01T09:00:00Z", "record-type": "data", "operation": "insert",
				 "schema-name": "fleet", "table-name": "carinfo"}}""");
		reasons.add("missing-data");
		expected.sendRaw(topics.cars, "bad-3", "{\"data\": {\"car_id\": \"car-999\"}}");
		reasons.add("missing-metadata");
		expected.sendRaw(topics.devices, "bad-4",
				DmsSamples.record("drivers", "insert", Map.of("driver_id", "d-1"), T0));
		reasons.add("unknown-table");
		expected.sendRaw(topics.devices, "bad-5",
				DmsSamples.record("deviceinfo", "insert", Map.of("firmware", "1.0"), T0));
		reasons.add("missing-key-column");
		expected.sendRaw(topics.cars, "bad-6", DmsSamples.record("carinfo", "truncate", DmsSamples.car(1), T0));
		reasons.add("unknown-operation");
		return reasons;
	}

	private static List<String> deadLetterReasons(CdcTopics topics) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(CdcTopics.readAll(topics.cars + "-dlt"));
		records.addAll(CdcTopics.readAll(topics.devices + "-dlt"));
		return records.stream()
			.map((record) -> CdcTopics.header(record, RecordRejectedException.REASON_HEADER))
			.toList();
	}

	private static void assertMemoryHolds(SnapshotStore store, ExpectedSnapshot expected) {
		Map<String, Map<String, Object>> references = expected.references();
		assertThat(store.cars()).isEqualTo(expected.carCount());
		assertThat(store.devices()).isEqualTo(expected.deviceCount());
		references.forEach((carId, reference) -> assertThat(store.referenceOf(carId)).as(carId)
			.containsExactlyInAnyOrderEntriesOf(reference));
	}

	private static void assertRedisHolds(SnapshotRedis redis, ExpectedSnapshot expected) {
		assertThat(redis.cars()).isEqualTo(expected.redisHashes());
		assertThat(redis.deviceIndex()).isEqualTo(expected.deviceIndex());
	}

	private static long consumed(ConfigurableApplicationContext app, CdcTopics topics) {
		MeterRegistry meters = app.getBean(MeterRegistry.class);
		return (long) (meters.get("fleet.records.consumed").tag("topic", topics.cars).counter().count()
				+ meters.get("fleet.records.consumed").tag("topic", topics.devices).counter().count());
	}

}
