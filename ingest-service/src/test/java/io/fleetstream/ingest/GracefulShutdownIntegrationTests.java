package io.fleetstream.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fleetstream.devinfra.RedisProcess;
import io.fleetstream.ingest.position.PositionKeys;
import io.fleetstream.ingest.position.PositionStoreReader;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.fleetstream.testsupport.SharedRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown while a backlog is being drained: the in-flight batch is finished and
 * committed, nothing more. Must hold, per partition: a fix is stored if and only if its
 * offset is below the committed offset (no fix written but left uncommitted, none
 * committed but unwritten).
 */
class GracefulShutdownIntegrationTests {

	private static final String TOPIC = "it.shutdown.gps";

	private static final String GROUP = "it-shutdown";

	@Test
	void shutdownFinishesAndCommitsTheInFlightBatchOnly() throws Exception {
		int fixes = 20_000;
		long ts = System.currentTimeMillis() - 10_000;
		KafkaTestSupport.createTopic(TOPIC, 4);
		try (GpsTestData producer = new GpsTestData()) {
			for (int i = 0; i < fixes; i++) {
				producer.send(TOPIC, "sd-" + i, GpsTestData.fix(37.0 + (i % 1000) * 0.0001, 127.0, ts));
			}
			producer.flush();
		}
		RedisProcess redis = SharedRedis.standalone();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--server.port=0", "--management.server.port=0", "--fleet.routes.gps.topics=" + TOPIC,
				"--spring.kafka.consumer.group-id=" + GROUP, "--spring.kafka.consumer.max-poll-records=200",
				"--fleet.kafka.create-topics=true");
		// this context's own count: the shared redis-server holds other tests' cars too
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> meters.find("fleet.records.written").counters().stream().anyMatch((c) -> c.count() > 0));
		context.close();

		Map<TopicPartition, OffsetAndMetadata> committed;
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
			committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
		}
		List<ConsumerRecord<String, byte[]>> records = KafkaTestSupport.readAll(TOPIC);
		assertThat(records).hasSize(fixes);
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(redis.host(), redis.port());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		PositionStoreReader afterClose = new PositionStoreReader(new StringRedisTemplate(connectionFactory),
				new PositionKeys(16));
		long stored = 0;
		for (ConsumerRecord<String, byte[]> record : records) {
			OffsetAndMetadata offset = committed.get(new TopicPartition(TOPIC, record.partition()));
			boolean committedRecord = offset != null && record.offset() < offset.offset();
			boolean storedRecord = afterClose.storedTs(record.key()) == ts;
			assertThat(storedRecord).as("%s at %d-%d stored", record.key(), record.partition(), record.offset())
				.isEqualTo(committedRecord);
			stored += storedRecord ? 1 : 0;
		}
		connectionFactory.destroy();
		assertThat(stored).as("fixes stored when the service stopped").isPositive().isLessThan(fixes);
	}

}
