package io.fleetstream.common.kafka;

import java.time.Duration;

import io.fleetstream.common.FleetProperties;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaHealthIndicatorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, FleetKafkaAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void theDefaultTimeoutIsBelowTheKubeletsDefaultProbeTimeoutOfOneSecond() {
		this.runner.run((context) -> assertThat(context.getBean(FleetProperties.class).kafka().healthTimeout())
			.isLessThan(Duration.ofSeconds(1)));
	}

	@Test
	void aReachableClusterIsUpWithItsBrokers() {
		this.runner.withPropertyValues("spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers())
			.run((context) -> {
				KafkaHealthIndicator indicator = context.getBean(KafkaHealthIndicator.class);
				// the first checks also connect, which may take longer than one check may
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					Health health = indicator.health(true);
					assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
				});
			});
	}

	/**
	 * Fault: the broker accepts connections and never answers. Must hold: every check
	 * answers DOWN within the 500 ms timeout + 300 ms slack.
	 */
	@Test
	void aBrokerThatDoesNotAnswerIsDownWithinTheTimeout() throws Exception {
		try (StalledBroker broker = new StalledBroker()) {
			this.runner
				.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
						"fleet.kafka.health-timeout=500ms")
				.run((context) -> {
					KafkaHealthIndicator indicator = context.getBean(KafkaHealthIndicator.class);
					for (int check = 0; check < 3; check++) {
						long start = System.nanoTime();
						Health health = indicator.health(true);
						Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
						assertThat(health.getStatus()).isEqualTo(Status.DOWN);
						assertThat(elapsed).as("check %d", check).isLessThan(Duration.ofMillis(800));
					}
					assertThat(broker.connections()).isPositive();
				});
		}
	}

}
