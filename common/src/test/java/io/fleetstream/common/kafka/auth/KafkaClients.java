package io.fleetstream.common.kafka.auth;

import java.time.Duration;

import io.fleetstream.devinfra.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Spring Boot's Kafka set-up with FleetStream's profile files, and the real Kafka clients
 * built from it. Constructing a client runs the whole security configuration (SSL engine,
 * JAAS login module, SASL callback handler) without needing a broker: the bootstrap
 * address is a free local port nothing listens on.
 */
final class KafkaClients {

	private KafkaClients() {
	}

	static ApplicationContextRunner withProfile(String profile) {
		return new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SslAutoConfiguration.class,
					KafkaAuthAutoConfiguration.class))
			.withPropertyValues("spring.profiles.active=" + profile,
					"spring.kafka.bootstrap-servers=127.0.0.1:" + FreePorts.find());
	}

	/** Builds and closes a consumer, a producer and an admin client. */
	static void constructAll(ApplicationContext context) {
		try (Consumer<?, ?> consumer = context.getBean(ConsumerFactory.class).createConsumer()) {
			// constructed
		}
		Producer<?, ?> producer = context.getBean(ProducerFactory.class).createProducer();
		producer.close(Duration.ZERO);
		try (Admin admin = Admin.create(context.getBean(KafkaAdmin.class).getConfigurationProperties())) {
			// constructed
		}
	}

	static void constructConsumer(ApplicationContext context) {
		try (Consumer<?, ?> consumer = context.getBean(ConsumerFactory.class).createConsumer()) {
			// constructed
		}
	}

}
