package io.fleetstream.common.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.fleetstream.common.kafka.KafkaTopicLoader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fan-out on the real broker: one route, a Kafka loader and a second loader. The batch is
 * committed once both have it; a failing second loader does not make the first publish
 * again; a value the output topic refuses is dead-lettered with its neighbours written; a
 * partition that cannot make progress shows in its gauge and in health.
 */
class FanOutIntegrationTests {

	private final PipelineApps apps = new PipelineApps();

	@AfterEach
	void stop() {
		this.apps.close();
	}

	/**
	 * 50 records on 2 partitions; the second loader fails its first 3 calls. Must hold:
	 * the output topic holds exactly 50 records, one per source id, each keyed like its
	 * source; the second loader has all 50; the group's committed offsets cover all 50.
	 */
	@Test
	void aFailingSecondLoaderDelaysTheCommitWithoutRepublishing() throws Exception {
		Topics topics = Topics.create(2, Map.of());
		List<String> values = IntStream.range(0, 50).mapToObj((i) -> "v" + i).toList();
		TestTopics.produce(topics.in, values.stream().map((value) -> "car-" + value).toList(), values);
		FanOut.failures.set(3);
		ConfigurableApplicationContext context = this.apps.start(FanOut.class, topics.properties());
		MemoryLoader second = context.getBean("secondLoader", MemoryLoader.class);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(second.values()).containsExactlyInAnyOrderElementsOf(values));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committedTotal(topics)).isEqualTo(50));
		List<ConsumerRecord<String, byte[]>> published = TestTopics.readAll(topics.out);
		assertThat(published).hasSize(50);
		assertThat(published).extracting((record) -> TestTopics.header(record, KafkaTopicLoader.SOURCE_HEADER))
			.doesNotHaveDuplicates()
			.allMatch((id) -> id.startsWith(topics.in + "/"));
		assertThat(published)
			.allMatch((record) -> record.key().equals("car-" + new String(record.value(), StandardCharsets.UTF_8)));
		assertThat(FanOut.failures.get()).isZero();
	}

	/**
	 * The output topic accepts at most 1,000 bytes; one of 5 records is 3,000 bytes. Must
	 * hold: it is in the dead-letter topic with reason {@code kafka-rejected}, the 4
	 * others are in the output topic and in the second loader, and nothing is stuck.
	 */
	@Test
	void aValueTheOutputTopicRefusesIsDeadLetteredAndItsNeighboursArePublished() throws Exception {
		Topics topics = Topics.create(1, Map.of("max.message.bytes", "1000"));
		String large = "x".repeat(3000);
		TestTopics.produce(topics.in, List.of("a", "b", "c", "d", "e"), List.of("v1", "v2", large, "v4", "v5"));
		FanOut.failures.set(0);
		ConfigurableApplicationContext context = this.apps.start(FanOut.class, topics.properties());
		MemoryLoader second = context.getBean("secondLoader", MemoryLoader.class);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(second.values()).containsExactly("v1", "v2", "v4", "v5"));
		// the batch's dead letters are published once every loader has it
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(TestTopics.readAll(topics.in + "-dlt")).hasSize(1));
		List<ConsumerRecord<String, byte[]>> deadLetters = TestTopics.readAll(topics.in + "-dlt");
		assertThat(TestTopics.header(deadLetters.get(0), "fleet_dlt-reason")).isEqualTo("kafka-rejected");
		assertThat(deadLetters.get(0).key()).isEqualTo("c");
		assertThat(TestTopics.readAll(topics.out)).extracting((record) -> new String(record.value()))
			.containsExactly("v1", "v2", "v4", "v5");
		assertThat(context.getBean(MeterRegistry.class)
			.get("fleet.records.rejected")
			.tags("topic", topics.in, "reason", "kafka-rejected")
			.counter()
			.count()).isEqualTo(1);
	}

	/**
	 * The second loader fails every call until released; stall threshold 1 s. Must hold:
	 * the partition's failing-since gauge holds the time of the first failure and
	 * {@code consumption} is DOWN; once released, the gauge is 0, health UP, the record
	 * written.
	 */
	@Test
	void aPartitionThatCannotMakeProgressShowsInItsGaugeAndInHealth() throws Exception {
		Topics topics = Topics.create(1, Map.of());
		TestTopics.produce(topics.in, List.of("a"), List.of("v1"));
		FanOut.failures.set(Integer.MAX_VALUE);
		long before = System.currentTimeMillis() / 1000;
		ConfigurableApplicationContext context = this.apps.start(FanOut.class,
				topics.with("fleet.pipeline.stall-threshold=1s"));
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		HealthIndicator consumption = context.getBean("consumptionHealthIndicator", HealthIndicator.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(failingSince(meters, topics)).isBetween((double) before, (double) before + 30);
			assertThat(consumption.health().getStatus()).isEqualTo(Status.DOWN);
		});
		FanOut.failures.set(0);
		MemoryLoader second = context.getBean("secondLoader", MemoryLoader.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(second.values()).containsExactly("v1");
			assertThat(failingSince(meters, topics)).isZero();
			assertThat(consumption.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	private static double failingSince(MeterRegistry meters, Topics topics) {
		// the gauge exists from the partition's assignment on: until then this is not an
		// answer (an assertion error, so that the await retries)
		io.micrometer.core.instrument.Gauge gauge = meters.find("fleet.partition.failing.since")
			.tags("route", "fan", "topic", topics.in, "partition", "0")
			.gauge();
		assertThat(gauge).as("failing-since gauge of %s-0", topics.in).isNotNull();
		return gauge.value();
	}

	private static long committedTotal(Topics topics) throws Exception {
		return TestTopics.committed(topics.group)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().topic().equals(topics.in))
			.map(Map.Entry::getValue)
			.mapToLong(OffsetAndMetadata::offset)
			.sum();
	}

	record Topics(String in, String out, String group) {

		static Topics create(int partitions, Map<String, String> outConfig) throws Exception {
			Topics topics = new Topics(TestTopics.unique("it.fan.in"), TestTopics.unique("it.fan.out"),
					TestTopics.unique("it-fan"));
			TestTopics.create(topics.in, partitions, Map.of());
			TestTopics.create(topics.out, partitions, outConfig);
			return topics;
		}

		String[] properties() {
			return with();
		}

		String[] with(String... more) {
			List<String> all = new java.util.ArrayList<>(List.of("fleet.routes.fan.topics=" + this.in,
					"fleet.routes.fan.handler=text", "fleet.routes.fan.loaders=kafka-out,second",
					"spring.kafka.consumer.group-id=" + this.group, "test.out-topic=" + this.out));
			all.addAll(List.of(more));
			return all.toArray(String[]::new);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FanOut {

		static final AtomicInteger failures = new AtomicInteger();

		@Bean
		TextHandler textHandler() {
			return new TextHandler();
		}

		@Bean
		KafkaTopicLoader<String> kafkaOutLoader(
				@Qualifier("fleetPublishingKafkaTemplate") KafkaTemplate<String, byte[]> template, Environment env) {
			return new KafkaTopicLoader<>("kafka-out", String.class, env.getRequiredProperty("test.out-topic"),
					template, (record) -> record.value().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
		}

		@Bean
		MemoryLoader secondLoader() {
			MemoryLoader loader = new MemoryLoader("second");
			loader.beforeWrite = (records) -> {
				if (failures.getAndUpdate((left) -> (left > 0 && left != Integer.MAX_VALUE) ? left - 1 : left) > 0) {
					throw new IllegalStateException("second loader is down");
				}
			};
			return loader;
		}

	}

}
