package io.fleetstream.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.Topics;
import io.fleetstream.common.kafka.DeadLetterRecordFitter;
import io.fleetstream.common.kafka.RecordRejectedException;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.SharedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile records of legal size on {@code cars.gps.json}: each is rejected, and its
 * dead-letter copy with headers would exceed the dead-letter producer's 1 MiB
 * {@code max.request.size} (the dead-letter topic keeps the broker's default limit; the
 * source topic's is raised to 3 MiB for the 2 MiB record). Must hold: every one reaches
 * {@code cars.gps.json-dlt} (cut to fit where needed, with its original size and
 * SHA-256), and the valid fixes behind each on the same partition are stored.
 */
@IngestIntegrationTest
class OversizedPoisonIntegrationTests {

	private static final int MIB = 1024 * 1024;

	private static final int PARTITION = 1;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	PositionKeys keys;

	/** The service created the topic at start-up (with the broker's default limit). */
	private static void raiseTheSourceTopicsLimitTo3Mib() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.GPS);
			admin
				.incrementalAlterConfigs(
						Map.of(topic,
								List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", String.valueOf(3 * MIB)),
										AlterConfigOp.OpType.SET))))
				.all()
				.get();
		}
	}

	@Test
	void oversizedPoisonReachesTheDeadLetterTopicAndTheFixesBehindItAreStored() throws Exception {
		raiseTheSourceTopicsLimitTo3Mib();
		byte[] quotingPoison = ("{\"lat\":\"" + "A".repeat(700_000) + "\",\"lng\":127.0}")
			.getBytes(StandardCharsets.UTF_8);
		byte[] oneMibPoison = ("{" + "x".repeat(1_048_299)).getBytes(StandardCharsets.UTF_8);
		byte[] twoMibPoison = ("{" + "x".repeat(2 * MIB - 1)).getBytes(StandardCharsets.UTF_8);
		long ts = System.currentTimeMillis() - 1000;
		RecordMetadata quoting;
		RecordMetadata oneMib;
		RecordMetadata twoMib;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 3 * MIB, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			quoting = send(producer, "w-poisonA", quotingPoison);
			send(producer, "it-big-after-1", fix(ts));
			oneMib = send(producer, "w-poison1m", oneMibPoison);
			send(producer, "it-big-after-2", fix(ts));
			twoMib = send(producer, "w-poison2m", twoMibPoison);
			send(producer, "it-big-after-3", fix(ts));
		}

		PositionStoreReader reader = new PositionStoreReader(this.redis, this.keys);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> List.of("it-big-after-1", "it-big-after-2", "it-big-after-3")
				.forEach((carId) -> assertThat(reader.storedTs(carId)).as(carId).isEqualTo(ts)));

		Map<String, ConsumerRecord<String, byte[]>> dead = new java.util.HashMap<>();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			KafkaTestSupport.readAll(Topics.GPS + "-dlt").forEach((record) -> dead.put(record.key(), record));
			assertThat(dead).containsKeys("w-poisonA", "w-poison1m", "w-poison2m");
		});

		ConsumerRecord<String, byte[]> a = dead.get("w-poisonA");
		assertThat(a.value()).as("fits whole once the headers are bounded").isEqualTo(quotingPoison);
		assertDeadLetterHeaders(a, quoting, "non-numeric-coordinate");
		assertThat(a.headers().lastHeader("kafka_dlt-exception-message").value()).hasSizeLessThanOrEqualTo(1024);
		assertThat(KafkaTestSupport.header(a, "kafka_dlt-exception-message"))
			.startsWith("non-numeric-coordinate: lat is not a number: \"AAAA");
		assertThat(a.headers().lastHeader(DeadLetterRecordFitter.ORIGINAL_VALUE_SIZE_HEADER)).isNull();

		assertCutToFit(dead.get("w-poison1m"), oneMibPoison);
		assertDeadLetterHeaders(dead.get("w-poison1m"), oneMib, "malformed-json");
		assertCutToFit(dead.get("w-poison2m"), twoMibPoison);
		assertDeadLetterHeaders(dead.get("w-poison2m"), twoMib, "malformed-json");

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(KafkaTestSupport.lag("fleetstream-ingest", Topics.GPS)).isZero());
	}

	private static void assertDeadLetterHeaders(ConsumerRecord<String, byte[]> dead, RecordMetadata source,
			String reason) {
		assertThat(dead.partition()).isEqualTo(PARTITION);
		assertThat(KafkaTestSupport.header(dead, RecordRejectedException.REASON_HEADER)).isEqualTo(reason);
		assertThat(KafkaTestSupport.header(dead, "kafka_dlt-exception-fqcn"))
			.isEqualTo(RecordRejectedException.class.getName());
		assertThat(KafkaTestSupport.header(dead, "kafka_dlt-exception-message")).startsWith(reason + ": ");
		assertThat(KafkaTestSupport.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.GPS);
		assertThat(ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-partition").value()).getInt())
			.isEqualTo(PARTITION);
		assertThat(ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-offset").value()).getLong())
			.isEqualTo(source.offset());
		assertThat(ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-timestamp").value()).getLong())
			.isEqualTo(source.timestamp());
		assertThat(KafkaTestSupport.header(dead, "kafka_dlt-original-consumer-group")).isEqualTo("fleetstream-ingest");
		assertThat(dead.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
	}

	private static void assertCutToFit(ConsumerRecord<String, byte[]> dead, byte[] original) throws Exception {
		assertThat(dead.value().length).isLessThan(original.length).isGreaterThan(MIB - 4096);
		assertThat(dead.value()).isEqualTo(Arrays.copyOf(original, dead.value().length));
		assertThat(KafkaTestSupport.header(dead, DeadLetterRecordFitter.ORIGINAL_VALUE_SIZE_HEADER))
			.isEqualTo(String.valueOf(original.length));
		assertThat(KafkaTestSupport.header(dead, DeadLetterRecordFitter.ORIGINAL_VALUE_SHA256_HEADER))
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)));
	}

	private static RecordMetadata send(KafkaProducer<String, byte[]> producer, String key, byte[] value)
			throws Exception {
		return producer.send(new ProducerRecord<>(Topics.GPS, PARTITION, key, value)).get();
	}

	private static byte[] fix(long ts) {
		return GpsTestData.fix(37.53, 127.03, ts).getBytes(StandardCharsets.UTF_8);
	}

}
