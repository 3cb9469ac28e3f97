package io.fleetstream.common.kafka.auth;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Start-up checks for the Kafka authentication profiles ({@code kafka-tls},
 * {@code msk-iam}), which are otherwise pure configuration of Spring Boot's Kafka
 * support.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, SslAutoConfiguration.class })
@ConditionalOnClass(KafkaProperties.class)
@ConditionalOnBean({ KafkaProperties.class, SslBundles.class })
public class KafkaAuthAutoConfiguration {

	@Bean
	KafkaSslBundleCheck fleetKafkaSslBundleCheck(KafkaProperties properties, SslBundles bundles) {
		return new KafkaSslBundleCheck(properties, bundles);
	}

}
