package io.fleetstream.common.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code fleet.kafka.dead-letter-send-timeout} is a cap on a dead-letter publish, not a
 * floor as spring-kafka's {@code setWaitForSendResultTimeout} is.
 */
class DeadLetterSendTimeoutTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, FleetKafkaAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	/**
	 * Fault: the broker accepts connections and never answers. Must hold: the publish
	 * fails with a timeout after at most the 2 s timeout + 1 s slack (spring-kafka alone
	 * would wait {@code max.block.ms} + {@code delivery.timeout.ms} + 5 s, 185 s by
	 * default).
	 */
	@Test
	void aPublishToABrokerThatDoesNotAnswerFailsWithinTheTimeout() throws Exception {
		try (StalledBroker broker = new StalledBroker()) {
			this.runner
				.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
						"fleet.kafka.dead-letter-send-timeout=2s")
				.run((context) -> {
					DeadLetters deadLetters = context.getBean(DeadLetters.class);
					ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("it.stalled.gps", 0, 7, "car-1",
							"{}".getBytes(StandardCharsets.UTF_8));
					try (Consumer<String, byte[]> consumer = consumer(broker)) {
						long start = System.nanoTime();
						KafkaException failure = catchThrowableOfType(KafkaException.class,
								() -> deadLetters.send(record, consumer, "reason", "detail"));
						Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
						assertThat(failure).as("publish failure").isNotNull();
						assertThat(failure.getMostSpecificCause()).isInstanceOfAny(
								org.apache.kafka.common.errors.TimeoutException.class,
								java.util.concurrent.TimeoutException.class);
						assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
						assertThat(broker.connections()).as("connections the clients made to the stalled broker")
							.isPositive();
						consumer.close(Duration.ZERO);
					}
				});
		}
	}

	@Test
	void theDeadLetterProducerGivesUpWithinThePublishBudget() {
		this.runner.withPropertyValues("fleet.kafka.dead-letter-send-timeout=10s").run((context) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> config = context.getBean("fleetDeadLetterTemplate", KafkaTemplate.class)
				.getProducerFactory()
				.getConfigurationProperties();
			// 2 s (a fifth) for the partition check on the consumer, 8 s for the publish
			assertThat(config).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8000L)
				.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000)
				.containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 8000)
				.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
			// Kafka rejects delivery.timeout.ms < linger.ms + request.timeout.ms
			new KafkaProducer<>(config).close(Duration.ZERO);
		});
	}

	@Test
	void aShorterRequestTimeoutOfTheServiceIsKept() {
		this.runner
			.withPropertyValues("fleet.kafka.dead-letter-send-timeout=10s",
					"spring.kafka.producer.properties.request.timeout.ms=3000")
			.run((context) -> assertThat(context.getBean("fleetDeadLetterTemplate", KafkaTemplate.class)
				.getProducerFactory()
				.getConfigurationProperties()).containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
	}

	private static Consumer<String, byte[]> consumer(StalledBroker broker) {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "it-stalled"),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

}
