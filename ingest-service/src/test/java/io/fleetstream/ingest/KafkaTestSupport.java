package io.fleetstream.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.fleetstream.testsupport.SharedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Reads what tests need to check on the real broker: dead-letter records and consumer
 * lag.
 */
public final class KafkaTestSupport {

	private KafkaTestSupport() {
	}

	/**
	 * Every record in the topic up to its end offsets when called, read from the start by
	 * a throw-away consumer (records appended meanwhile may be included too).
	 * @throws AssertionError if the topic has no partitions, or if the end offsets were
	 * not reached within 10 s: never a partial result
	 */
	public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		return readAll(SharedKafkaBroker.bootstrapServers(), topic);
	}

	/** {@link #readAll(String)} from another broker than the shared one. */
	public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			if (partitions.isEmpty()) {
				throw new AssertionError("Topic '" + topic + "' has no partitions (does it exist?)");
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.currentTimeMillis() + 10_000;
			while (!reached(consumer, end)) {
				if (System.currentTimeMillis() > deadline) {
					Map<TopicPartition, Long> positions = partitions.stream()
						.collect(Collectors.toMap((tp) -> tp, consumer::position));
					throw new AssertionError("Read " + records.size() + " records of '" + topic
							+ "' in 10 s without reaching its end offsets " + end + " (positions " + positions + ")");
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
	}

	/**
	 * Creates a topic ahead of a producer that starts before the service does. Left to
	 * the broker's auto-creation, the idempotent test producer can hit the new partitions
	 * before they have a leader and then retry with out-of-order sequence numbers forever
	 * (seen on this machine under load), so no fix is ever produced.
	 */
	public static void createTopic(String topic, int partitions) throws Exception {
		createTopic(SharedKafkaBroker.bootstrapServers(), topic, partitions);
	}

	/** {@link #createTopic(String, int)} on another broker than the shared one. */
	public static void createTopic(String bootstrapServers, String topic, int partitions) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
			// the topic is usable once its partitions have a leader
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get()
					.get(topic)
					.partitions()
					.stream()
					.allMatch((partition) -> partition.leader() != null));
		}
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** The group's total lag on the topic: end offsets minus committed offsets. */
	public static long lag(String groupId, String topic) throws Exception {
		return lag(SharedKafkaBroker.bootstrapServers(), groupId, topic);
	}

	/** {@link #lag(String, String)} on another broker than the shared one. */
	public static long lag(String bootstrapServers, String groupId, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
				.partitionsToOffsetAndMetadata()
				.get();
			List<TopicPartition> partitions = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			Map<TopicPartition, OffsetSpec> latest = partitions.stream()
				.collect(Collectors.toMap((tp) -> tp, (tp) -> OffsetSpec.latest()));
			Map<TopicPartition, Long> endOffsets = admin.listOffsets(latest)
				.all()
				.get()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
			long lag = 0;
			for (TopicPartition tp : partitions) {
				OffsetAndMetadata offset = committed.get(tp);
				lag += endOffsets.get(tp) - ((offset != null) ? offset.offset() : 0);
			}
			return lag;
		}
	}

}
