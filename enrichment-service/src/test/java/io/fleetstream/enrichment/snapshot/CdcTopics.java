package io.fleetstream.enrichment.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fleetstream.testsupport.SharedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/** A test's CDC topics on the shared broker: created, filled, read back in full. */
final class CdcTopics implements AutoCloseable {

	final String cars;

	final String devices;

	private final KafkaProducer<String, byte[]> producer;

	private CdcTopics(String cars, String devices) {
		this.cars = cars;
		this.devices = devices;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedKafkaBroker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
				new ByteArraySerializer());
	}

	/**
	 * Creates both topics (2 partitions each) before anything is produced: the broker's
	 * auto-creation could race the first producer.
	 */
	static CdcTopics create(String name) throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		CdcTopics topics = new CdcTopics("it." + name + ".carinfo." + suffix, "it." + name + ".deviceinfo." + suffix);
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
			admin
				.createTopics(
						List.of(new NewTopic(topics.cars, 2, (short) 1), new NewTopic(topics.devices, 2, (short) 1)))
				.all()
				.get();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.describeTopics(List.of(topics.cars, topics.devices))
					.allTopicNames()
					.get()
					.values()
					.stream()
					.allMatch((topic) -> topic.partitions().stream().allMatch((p) -> p.leader() != null)));
		}
		return topics;
	}

	/** Sends a record and waits for its acknowledgement, so records keep their order. */
	void send(String topic, String key, String value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every record the topic holds now, read from the start; fails unless the end of
	 * every partition was reached within 20 s, so never a partial answer.
	 */
	static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedKafkaBroker.bootstrapServers());
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
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (partitions.stream().anyMatch((tp) -> consumer.position(tp) < end.get(tp))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Could not read " + topic + " to its end offsets " + end);
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
