package io.fleetstream.common.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordCoordinates;
import io.fleetstream.common.pipeline.TestTopics;
import io.fleetstream.testsupport.SharedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka loader's delivery contract on the real broker: deterministic ids, so a
 * replayed batch's duplicates are recognisable, and one key's records in order.
 */
class KafkaTopicLoaderTests {

	private final DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
					ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
			new StringSerializer(), new ByteArraySerializer());

	@AfterEach
	void close() {
		this.producers.destroy();
	}

	/**
	 * 30 records of 3 keys, loaded, then loaded again as a replay after a crash would.
	 * Must hold: 60 records out; by {@code fleet_source} exactly the 30 inputs, each
	 * twice with the same key and value; per key, the first copies in input order.
	 */
	@Test
	void aReplayedBatchRepublishesRecognisableDuplicatesAndKeepsEachKeysOrder() throws Exception {
		String topic = TestTopics.unique("it.kafka-loader");
		TestTopics.create(topic, 3, Map.of());
		KafkaTopicLoader<String> loader = new KafkaTopicLoader<>("kafka-out", String.class, topic,
				new KafkaTemplate<>(this.producers), (record) -> record.value().getBytes(StandardCharsets.UTF_8),
				Duration.ofSeconds(10));
		List<LoadRecord<String>> batch = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			batch.add(new LoadRecord<>("value-" + i,
					new RecordCoordinates("cars.status.json", 1, 1000 + i, "car-" + (i % 3), 0), 0));
		}
		assertThat(loader.load(batch)).isEqualTo(LoadResult.allWritten());
		assertThat(loader.load(batch)).isEqualTo(LoadResult.allWritten());

		List<ConsumerRecord<String, byte[]>> published = TestTopics.readAll(topic);
		assertThat(published).hasSize(60);
		Map<String, List<ConsumerRecord<String, byte[]>>> bySource = new LinkedHashMap<>();
		published.forEach(
				(record) -> bySource
					.computeIfAbsent(new String(record.headers().lastHeader(KafkaTopicLoader.SOURCE_HEADER).value(),
							StandardCharsets.UTF_8), (id) -> new ArrayList<>())
					.add(record));
		assertThat(bySource.keySet())
			.containsExactlyInAnyOrderElementsOf(batch.stream().map((record) -> record.source().id()).toList());
		bySource.values().forEach((copies) -> {
			assertThat(copies).hasSize(2);
			assertThat(copies.get(0).key()).isEqualTo(copies.get(1).key());
			assertThat(copies.get(0).value()).isEqualTo(copies.get(1).value());
		});
		for (int key = 0; key < 3; key++) {
			String car = "car-" + key;
			List<String> firstCopies = published.stream()
				.filter((record) -> record.key().equals(car))
				.map((record) -> new String(record.value(), StandardCharsets.UTF_8))
				.distinct()
				.toList();
			List<String> inputOrder = batch.stream()
				.filter((record) -> record.source().key().equals(car))
				.map(LoadRecord::value)
				.toList();
			assertThat(firstCopies).as("records of %s in publish order", car).isEqualTo(inputOrder);
		}
	}

}
