package io.fleetstream.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.Topics;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records a hostile or broken device could send, on the real broker: keys that break the
 * car-id rule (which the REST API would refuse, so such a car could be listed but never
 * fetched), ambiguous JSON and implausible event times are each dead-lettered with their
 * reason and counted, never stored, and their valid neighbours are stored.
 */
@IngestIntegrationTest
class HostileGpsInputIntegrationTests {

	private static final long DAY_MS = Duration.ofDays(1).toMillis();

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	PositionKeys keys;

	@Autowired
	MeterRegistry meters;

	private KafkaProducer<byte[], byte[]> producer;

	@BeforeEach
	void startProducer() {
		// one request in flight, as GpsTestData explains
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	@AfterEach
	void stopProducer() {
		this.producer.close(Duration.ofSeconds(5));
	}

	@Test
	void hostileRecordsAreDeadLetteredWithTheirReasonAndCountedAndTheirNeighboursAreStored() {
		long now = System.currentTimeMillis();
		List<Hostile> hostile = new ArrayList<>();
		String valid = GpsTestData.fix(37.5, 127.0, now);
		hostile.add(Hostile.key("p sp", valid, "invalid-car-id"));
		hostile.add(Hostile.key("line\nbreak", valid, "invalid-car-id"));
		hostile.add(Hostile.key("{x}", valid, "invalid-car-id"));
		hostile.add(Hostile.key("k".repeat(10_000), valid, "invalid-car-id"));
		hostile.add(new Hostile(new byte[] { 'c', (byte) 0xC3, (byte) 0x28 }, valid, now, "invalid-car-id"));
		hostile.add(Hostile.key("it-hostile-duplicate", "{\"lat\":95,\"lat\":37.55,\"lng\":127.0}", "duplicate-key"));
		hostile.add(Hostile.key("it-hostile-seconds", "{\"lat\":37.5,\"lng\":127.0,\"ts\":" + (now / 1000) + "}",
				"timestamp-in-seconds"));
		hostile
			.add(Hostile.key("it-hostile-1990", "{\"lat\":37.5,\"lng\":127.0,\"ts\":631152000000}", "past-timestamp"));
		hostile.add(Hostile.key("it-hostile-late", GpsTestData.fix(37.5, 127.0, now - 8 * DAY_MS), "past-timestamp"));
		Map<String, Double> rejectedBefore = new HashMap<>();
		hostile.forEach((record) -> rejectedBefore.put(record.reason, rejected(record.reason)));

		List<String> neighbours = new ArrayList<>();
		for (int i = 0; i < hostile.size(); i++) {
			String before = "it-hostile-valid-" + (2 * i);
			String after = "it-hostile-valid-" + (2 * i + 1);
			send(before.getBytes(StandardCharsets.UTF_8), GpsTestData.fix(37.51, 127.01, now), now);
			send(hostile.get(i).key, hostile.get(i).value, hostile.get(i).recordTs);
			send(after.getBytes(StandardCharsets.UTF_8), GpsTestData.fix(37.52, 127.02, now), now);
			neighbours.add(before);
			neighbours.add(after);
		}
		// an old fix in an old record (a topic re-consumed from the beginning) is no
		// outlier: the event time is judged against the record's own timestamp
		long monthAgo = now - 30 * DAY_MS;
		send("it-hostile-reconsumed".getBytes(StandardCharsets.UTF_8), GpsTestData.fix(37.53, 127.03, monthAgo),
				monthAgo + 1000);
		this.producer.flush();

		PositionStoreReader reader = new PositionStoreReader(this.redis, this.keys);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			neighbours.forEach((carId) -> assertThat(reader.storedTs(carId)).as(carId).isEqualTo(now));
			assertThat(reader.storedTs("it-hostile-reconsumed")).isEqualTo(monthAgo);
		});
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<String, ConsumerRecord<String, byte[]>> dead = new LinkedHashMap<>();
			KafkaTestSupport.readAll(Topics.GPS + "-dlt")
				.stream()
				.filter((record) -> record.key() != null)
				.forEach((record) -> dead.put(record.key(), record));
			for (Hostile record : hostile) {
				String key = new String(record.key, StandardCharsets.UTF_8);
				ConsumerRecord<String, byte[]> letter = dead.get(key);
				assertThat(letter).as("dead letter of " + abbreviated(key)).isNotNull();
				assertThat(KafkaTestSupport.header(letter, "fleet_dlt-reason")).isEqualTo(record.reason);
				assertThat(KafkaTestSupport.header(letter, "kafka_dlt-exception-message"))
					.startsWith(record.reason + ": ");
				assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(record.value);
			}
			assertThat(dead).doesNotContainKeys(neighbours.toArray(String[]::new))
				.doesNotContainKey("it-hostile-reconsumed");
		});
		for (Hostile record : hostile) {
			String carId = new String(record.key, StandardCharsets.UTF_8);
			assertThat(this.redis.opsForZSet().score(this.keys.seen(this.keys.shardOf(carId)), carId))
				.as("last-seen of " + abbreviated(carId))
				.isNull();
		}
		Map<String, Long> expected = new HashMap<>();
		hostile.forEach((record) -> expected.merge(record.reason, 1L, Long::sum));
		expected.forEach((reason, count) -> assertThat(rejected(reason) - rejectedBefore.get(reason)).as(reason)
			.isGreaterThanOrEqualTo(count));
	}

	private void send(byte[] key, String value, long recordTs) {
		this.producer
			.send(new ProducerRecord<>(Topics.GPS, null, recordTs, key, value.getBytes(StandardCharsets.UTF_8)));
	}

	private double rejected(String reason) {
		Counter counter = this.meters.find("fleet.records.rejected")
			.tags("topic", Topics.GPS, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String abbreviated(String key) {
		return (key.length() > 40) ? key.substring(0, 40) + "... (" + key.length() + " chars)" : key;
	}

	private record Hostile(byte[] key, String value, long recordTs, String reason) {

		static Hostile key(String key, String value, String reason) {
			return new Hostile(key.getBytes(StandardCharsets.UTF_8), value, System.currentTimeMillis(), reason);
		}

	}

}
