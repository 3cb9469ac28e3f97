package io.fleetstream.devinfra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A real broker from Kafka's server jars: clients produce to and consume from a topic it
 * creates on first use, it listens where it was told with the retention it was given,
 * stopping and restarting it keeps its records and committed offsets on the same port,
 * and closing it frees its ports and deletes its data.
 */
class KraftBrokerTests {

	@Test
	void recordsProducedToATopicCreatedOnFirstUseAreConsumedBack() throws Exception {
		try (KraftBroker broker = KraftBroker.start(KraftBrokerSettings.defaults().withPartitions(3))) {
			String topic = "round-trip-" + UUID.randomUUID();
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
					new StringSerializer())) {
				for (int i = 0; i < 10; i++) {
					producer.send(new ProducerRecord<>(topic, "car-" + i, "fix-" + i)).get();
				}
			}
			assertThat(consumeAll(broker, topic, 10)).hasSize(10)
				.extracting(ConsumerRecord::value)
				.containsExactlyInAnyOrder("fix-0", "fix-1", "fix-2", "fix-3", "fix-4", "fix-5", "fix-6", "fix-7",
						"fix-8", "fix-9");
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
				assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
					.hasSize(3);
			}
		}
	}

	@Test
	void listensOnItsFixedPortWithItsRetentionThenCloseFreesThePortAndDeletesItsData() throws Exception {
		int port = FreePorts.find();
		KraftBroker broker = KraftBroker.start(KraftBrokerSettings.defaults()
			.withPort(port)
			.withRetention(Duration.ofMinutes(30))
			.with("log.segment.bytes", String.valueOf(16 * 1024 * 1024)));
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:" + port))) {
			assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
			Node node = admin.describeCluster().nodes().get().iterator().next();
			assertThat(node.port()).isEqualTo(port);
			ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
			Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
			assertThat(config.get("log.retention.ms").value()).isEqualTo("1800000");
			assertThat(config.get("log.segment.bytes").value()).isEqualTo("16777216");
		}
		finally {
			broker.close();
		}
		assertThat(FreePorts.isFree(port)).as("port %d is free", port).isTrue();
		assertThat(Files.exists(broker.directory())).as("%s is deleted", broker.directory()).isFalse();
	}

	@Test
	void aRestartedBrokerServesTheSameRecordsAndCommittedOffsetsOnTheSamePort() throws Exception {
		try (KraftBroker broker = KraftBroker.start(KraftBrokerSettings.defaults().withPartitions(1))) {
			String topic = "restart-" + UUID.randomUUID();
			TopicPartition partition = new TopicPartition(topic, 0);
			String bootstrapServers = broker.bootstrapServers();
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
					new StringSerializer())) {
				for (int i = 0; i < 5; i++) {
					producer.send(new ProducerRecord<>(topic, "car-" + i, "fix-" + i)).get();
				}
			}
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
				admin.alterConsumerGroupOffsets("restart-group", Map.of(partition, new OffsetAndMetadata(3)))
					.all()
					.get();
			}

			broker.stop();
			assertThat(broker.isRunning()).isFalse();
			assertThat(FreePorts.isFree(broker.port())).as("port %d is free while stopped", broker.port()).isTrue();
			broker.restart();

			assertThat(broker.isRunning()).isTrue();
			assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
			assertThat(consumeAll(broker, topic, 5)).extracting(ConsumerRecord::value)
				.containsExactly("fix-0", "fix-1", "fix-2", "fix-3", "fix-4");
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
				assertThat(admin.listConsumerGroupOffsets("restart-group").partitionsToOffsetAndMetadata().get())
					.containsEntry(partition, new OffsetAndMetadata(3));
			}
			assertThatIllegalStateException().isThrownBy(broker::restart).withMessageContaining("is running");
		}
	}

	@Test
	void aFixedPortInUseFailsAtOnceNamingThePort() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			assertThatIllegalStateException()
				.isThrownBy(() -> KraftBroker.start(KraftBrokerSettings.defaults().withPort(port)))
				.withMessageContaining("port " + port);
		}
	}

	private static List<ConsumerRecord<String, String>> consumeAll(KraftBroker broker, String topic, int expected) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= expected;
			});
		}
		return records;
	}

}
