package io.fleetstream.enrichment.state;

import java.time.Clock;
import java.time.Duration;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.enrichment.EnrichmentProperties;
import io.fleetstream.enrichment.snapshot.CarSnapshots;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The vehicle state: the join (it needs the snapshot's {@link CarSnapshots}), its Redis
 * store and the two loaders that fan a batch out to Redis and the enriched topic.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrichmentProperties.class)
class StateConfiguration {

	@Bean
	CarStateStore carStateStore(AsyncRedis redis, LettuceConnectionFactory connectionFactory) {
		// spring.data.redis.timeout, as Spring Boot set it on the connection
		Duration timeout = connectionFactory.getClientConfiguration().getCommandTimeout();
		return new CarStateStore(redis, timeout);
	}

	@Bean
	CarStateJoin carStateJoin(CarStateStore store, CarSnapshots snapshots, ObjectProvider<Clock> clock,
			MeterRegistry registry) {
		return new CarStateJoin(store, snapshots, clock.getIfAvailable(Clock::systemUTC), registry);
	}

	@Bean
	CarStateLoader carStateLoader(CarStateJoin join, CarStateStore store) {
		return new CarStateLoader(join, store);
	}

	@Bean
	EnrichedTopicLoader enrichedTopicLoader(CarStateJoin join, EnrichmentProperties properties,
			@Qualifier("fleetPublishingKafkaTemplate") KafkaTemplate<String, byte[]> template) {
		return new EnrichedTopicLoader(join, properties.telemetry().enrichedTopic(), template,
				properties.telemetry().publishTimeout());
	}

}
