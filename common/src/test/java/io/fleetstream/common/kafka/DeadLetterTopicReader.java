package io.fleetstream.common.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fleetstream.testsupport.SharedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the shared broker from the start, and the dead-letter headers. */
final class DeadLetterTopicReader {

	private DeadLetterTopicReader() {
	}

	/** Every record in the topic now; fails rather than return a partial read. */
	static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedKafkaBroker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
				ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.currentTimeMillis() + 10_000;
			while (partitions.stream().anyMatch((tp) -> consumer.position(tp) < end.get(tp))) {
				if (System.currentTimeMillis() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end " + end);
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	static String text(ConsumerRecord<?, ?> record, String header) {
		Header found = record.headers().lastHeader(header);
		return (found != null) ? new String(found.value(), StandardCharsets.UTF_8) : null;
	}

	static Integer intHeader(ConsumerRecord<?, ?> record, String header) {
		Header found = record.headers().lastHeader(header);
		return (found != null) ? ByteBuffer.wrap(found.value()).getInt() : null;
	}

	static Long longHeader(ConsumerRecord<?, ?> record, String header) {
		Header found = record.headers().lastHeader(header);
		return (found != null) ? ByteBuffer.wrap(found.value()).getLong() : null;
	}

}
