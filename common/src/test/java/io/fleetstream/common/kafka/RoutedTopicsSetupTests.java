package io.fleetstream.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.fleetstream.testsupport.SharedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start-up check of routed topics and their dead-letter topics, on the shared real
 * broker (which auto-creates topics on produce, but never on the admin calls made here).
 */
class RoutedTopicsSetupTests {

	private static Admin admin;

	private final String topic = "it.setup." + UUID.randomUUID();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, FleetKafkaAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"fleet.routes.r.topics=" + this.topic, "fleet.routes.r.handler=h", "fleet.routes.r.loaders=l");

	@BeforeAll
	static void connect() {
		admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()));
	}

	@AfterAll
	static void disconnect() {
		admin.close();
	}

	@Test
	void aMissingRoutedTopicFailsStartUpNamingIt() {
		this.runner.run((context) -> assertThat(context).getFailure()
			.hasMessageContaining("routed topic '" + this.topic + "' does not exist")
			.hasMessageContaining("fleet.kafka.create-topics=true"));
	}

	@Test
	void aMissingDeadLetterTopicFailsStartUpNamingIt() throws Exception {
		create(this.topic, 4, Map.of());
		this.runner.run((context) -> assertThat(context).getFailure()
			.hasMessageContaining(
					"dead-letter topic '" + this.topic + "-dlt' does not exist (it needs at least 4 partitions)"));
	}

	@Test
	void aDeadLetterTopicWithFewerPartitionsThanItsSourceFailsStartUpNamingIt() throws Exception {
		create(this.topic, 4, Map.of());
		create(this.topic + "-dlt", 2, Map.of());
		this.runner.run((context) -> assertThat(context).getFailure()
			.hasMessageContaining("dead-letter topic '" + this.topic + "-dlt' has 2 partitions, fewer than the 4"));
	}

	@Test
	void existingTopicsPassTheCheckWithoutCreateTopics() throws Exception {
		create(this.topic, 3, Map.of());
		create(this.topic + "-dlt", 3, Map.of());
		this.runner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void withCreateTopicsMissingTopicsAreCreated() {
		this.runner.withPropertyValues("fleet.kafka.create-topics=true", "fleet.kafka.default-partitions=3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// the admin answers once the controller has it; brokers' metadata follows
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(partitions(this.topic)).isEqualTo(3);
					assertThat(partitions(this.topic + "-dlt")).isEqualTo(3);
				});
			});
	}

	@Test
	void withCreateTopicsASmallDeadLetterTopicIsGrownToItsSourcesPartitions() throws Exception {
		create(this.topic, 4, Map.of());
		create(this.topic + "-dlt", 1, Map.of());
		this.runner.withPropertyValues("fleet.kafka.create-topics=true").run((context) -> {
			assertThat(context).hasNotFailed();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(partitions(this.topic + "-dlt")).isEqualTo(4));
		});
	}

	@Test
	void theDeadLetterTopicsMaxMessageBytesBoundsItsRecords() throws Exception {
		create(this.topic, 1, Map.of());
		create(this.topic + "-dlt", 1, Map.of("max.message.bytes", "200000"));
		this.runner.run((context) -> {
			DeadLetterTopicLimits limits = context.getBean(DeadLetterTopicLimits.class);
			assertThat(limits.maxRecordBytes(this.topic + "-dlt")).isEqualTo(200_000);
			// an unknown topic: the producer's max.request.size (below the broker
			// default)
			assertThat(limits.maxRecordBytes("other-dlt")).isEqualTo(1024 * 1024);
		});
	}

	/**
	 * Fault: the broker accepts connections and never answers. Must hold: start-up fails
	 * after the 1 s set-up timeout + 2 s slack, naming the setting.
	 */
	@Test
	void aBrokerThatDoesNotAnswerFailsStartUpWithinTheSetupTimeout() throws Exception {
		try (StalledBroker broker = new StalledBroker()) {
			long start = System.nanoTime();
			this.runner
				.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
						"fleet.kafka.topic-setup-timeout=1s")
				.run((context) -> assertThat(context).getFailure()
					.hasMessageContaining("within PT1S (fleet.kafka.topic-setup-timeout)"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void aServiceWithoutRoutesChecksNothing() throws Exception {
		try (StalledBroker broker = new StalledBroker()) {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(KafkaAutoConfiguration.class, FleetKafkaAutoConfiguration.class))
				.withBean(SimpleMeterRegistry.class)
				.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(broker.connections()).isZero();
				});
		}
	}

	private static void create(String name, int partitions, Map<String, String> config) throws Exception {
		admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(config)))
			.all()
			.get();
	}

	private static int partitions(String name) throws Exception {
		return admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().size();
	}

}
