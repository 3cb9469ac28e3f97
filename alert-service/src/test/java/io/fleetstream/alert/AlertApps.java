package io.fleetstream.alert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.fleetstream.testsupport.SharedRedis;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Starts alert-service in the test JVM against the shared broker and redis-server, with a
 * {@link RecordingDelivery}, and reads and writes the test's topics.
 */
final class AlertApps {

	private AlertApps() {
	}

	static String unique(String prefix) {
		return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
	}

	/** As below, with a schema-changes topic of the test's own (never read). */
	static List<String> arguments(String enrichedTopic, String outlierTopic, String group, String... extra) {
		return argumentsWithSchemaTopic(enrichedTopic, outlierTopic, unique("it.schema-changes"), group, extra);
	}

	static List<String> argumentsWithSchemaTopic(String enrichedTopic, String outlierTopic, String schemaTopic,
			String group, String... extra) {
		RedisProcess redis = SharedRedis.standalone();
		List<String> arguments = new ArrayList<>(List.of(
				"--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--server.port=0", "--management.server.port=0", "--fleet.security.open=true",
				"--fleet.routes.enriched.topics=" + enrichedTopic,
				"--fleet.routes.schema-changes.topics=" + schemaTopic,
				"--fleet.alert.episodes.outlier-topic=" + outlierTopic, "--spring.kafka.consumer.group-id=" + group,
				"--fleet.pipeline.tick-interval=1s", "--spring.kafka.consumer.properties.session.timeout.ms=10000",
				"--fleet.kafka.create-topics=true"));
		arguments.addAll(List.of(extra));
		return arguments;
	}

	static ConfigurableApplicationContext start(List<String> arguments) {
		return new SpringApplicationBuilder(AlertApplication.class, RecordingDelivery.Config.class)
			.run(arguments.toArray(String[]::new));
	}

	/** The service as it runs, with its own delivery (SNS when a topic ARN is given). */
	static ConfigurableApplicationContext startAsShipped(List<String> arguments) {
		return new SpringApplicationBuilder(AlertApplication.class).run(arguments.toArray(String[]::new));
	}

	static RecordingDelivery delivery(ConfigurableApplicationContext context) {
		return context.getBean(RecordingDelivery.class);
	}

	static String apiUrl(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * A client of the instance's API; bodies are buffered so they carry a Content-Length,
	 * which the API's request limits require.
	 */
	static RestClient api(ConfigurableApplicationContext context) {
		return RestClient.builder()
			.baseUrl(apiUrl(context))
			.requestFactory(new BufferingClientHttpRequestFactory(new JdkClientHttpRequestFactory()))
			.build();
	}

	static void createTopics(String... topics) throws Exception {
		try (Admin admin = admin()) {
			List<NewTopic> newTopics = new ArrayList<>();
			for (String topic : topics) {
				newTopics.add(new NewTopic(topic, Optional.of(2), Optional.empty()));
			}
			admin.createTopics(newTopics).all().get();
		}
	}

	/** Sends enriched records (key, value) and waits for every acknowledgement. */
	static void produce(String topic, List<String[]> records) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			for (String[] record : records) {
				producer.send(new ProducerRecord<>(topic, record[0], record[1])).get();
			}
		}
	}

	/**
	 * An enriched record in the documented shape (docs/enriched-message.md): every path
	 * given carries the record's event time, so every one is in {@code changed}, as
	 * enrichment-service lists an update's paths (alert-service evaluates a rule only on
	 * records whose changed paths it reads).
	 */
	static String[] enriched(String carId, long eventTime, Map<String, Object> state) {
		String signals = state.entrySet()
			.stream()
			.map((entry) -> "\"" + entry.getKey() + "\":" + json(entry.getValue()))
			.collect(Collectors.joining(","));
		String times = state.keySet()
			.stream()
			.map((path) -> "\"" + path + "\":" + eventTime)
			.collect(Collectors.joining(","));
		String changed = state.keySet().stream().map((path) -> "\"" + path + "\"").collect(Collectors.joining(","));
		String value = "{\"carId\":\"" + carId + "\",\"eventTime\":" + eventTime + ",\"processingTime\":" + eventTime
				+ ",\"source\":{\"topic\":\"cars.status.json\",\"partition\":0,\"offset\":1},\"changed\":[" + changed
				+ "],\"state\":{" + signals + "},\"stateTimes\":{" + times
				+ "},\"reference\":{\"plate\":\"12가3456\",\"model\":\"Ioniq 5\"},\"referenceKnown\":true}";
		return new String[] { carId, value };
	}

	/** A schema-change event in the documented shape (docs/enriched-message.md). */
	static String[] newPath(String topic, String path, long firstSeen) {
		String id = topic + "|" + path + "|number";
		return new String[] { topic,
				"{\"id\":\"" + id + "\",\"topic\":\"" + topic + "\",\"kind\":\"NEW_PATH\",\"path\":\"" + path
						+ "\",\"oldType\":null,\"newType\":\"number\",\"firstSeen\":" + firstSeen
						+ ",\"example\":{\"partition\":3,\"offset\":123456},\"control\":null}" };
	}

	private static String json(Object value) {
		return (value instanceof String text) ? "\"" + text + "\"" : String.valueOf(value);
	}

	/**
	 * Every record of the topic up to its end offsets; fails unless they were reached.
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
				throw new AssertionError("Topic " + topic + " has no partitions");
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

	static List<String> values(String topic) {
		return readAll(topic).stream().map((record) -> new String(record.value(), StandardCharsets.UTF_8)).toList();
	}

	/** Whether the group has committed every partition of the topic up to its end. */
	static boolean caughtUp(String group, String topic) throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
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
			var ends = admin.listOffsets(latest).all().get();
			return partitions.stream().allMatch((tp) -> {
				long end = ends.get(tp).offset();
				OffsetAndMetadata offset = committed.get(tp);
				return end == 0 || (offset != null && offset.offset() >= end);
			});
		}
	}

	private static Admin admin() {
		return Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()));
	}

}
