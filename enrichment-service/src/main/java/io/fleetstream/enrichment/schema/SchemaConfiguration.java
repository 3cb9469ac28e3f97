package io.fleetstream.enrichment.schema;

import java.time.Clock;
import java.time.Duration;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.enrichment.EnrichmentProperties.SchemaSettings;
import io.fleetstream.enrichment.EnrichmentProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Schema-change detection: the {@value SchemaChangeLoader#NAME} loader, usable in any
 * route whose handler's values are {@link SchemaSample}s.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrichmentProperties.class)
class SchemaConfiguration {

	@Bean
	SchemaStore schemaStore(AsyncRedis redis, LettuceConnectionFactory connectionFactory) {
		Duration timeout = connectionFactory.getClientConfiguration().getCommandTimeout();
		return new SchemaStore(redis, timeout);
	}

	@Bean
	SchemaChangeLoader schemaChangeLoader(SchemaStore store, EnrichmentProperties properties, ResourceLoader resources,
			@Qualifier("fleetPublishingKafkaTemplate") KafkaTemplate<String, byte[]> template,
			ObjectProvider<Clock> clock, MeterRegistry registry) {
		SchemaSettings settings = properties.schema();
		SchemaBaseline baseline = SchemaBaseline.none();
		if (settings.startMode() == SchemaSettings.StartMode.BASELINE) {
			if (settings.baseline() == null || settings.baseline().isBlank()) {
				throw new IllegalStateException(
						"fleet.enrichment.schema.start-mode=baseline needs fleet.enrichment.schema.baseline "
								+ "(a resource such as classpath:schema-baseline.json)");
			}
			baseline = SchemaBaseline.read(resources.getResource(settings.baseline()));
		}
		return new SchemaChangeLoader(store, settings, baseline, template, clock.getIfAvailable(Clock::systemUTC),
				registry);
	}

}
