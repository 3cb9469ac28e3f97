package io.fleetstream.enrichment.snapshot;

import java.time.Duration;

import io.fleetstream.common.FleetProperties;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.enrichment.EnrichmentProperties.SnapshotSettings;
import io.fleetstream.enrichment.EnrichmentProperties;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The snapshot's beans: the {@value DmsCdcHandler#NAME} handler, the
 * {@value SnapshotLoader#NAME} loader, and the in-memory {@link CarSnapshots}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrichmentProperties.class)
class SnapshotConfiguration {

	// a plain mapper: parsing and the stored row format must not depend on the
	// application's JSON customizations
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Bean
	DmsCdcHandler dmsCdcHandler(EnrichmentProperties properties) {
		return new DmsCdcHandler(properties.snapshot());
	}

	@Bean
	SnapshotStore carSnapshots(EnrichmentProperties properties) {
		return new SnapshotStore(properties.snapshot().joinColumn());
	}

	@Bean
	SnapshotMetrics snapshotMetrics(MeterRegistry meterRegistry, SnapshotStore carSnapshots) {
		return new SnapshotMetrics(meterRegistry, carSnapshots);
	}

	@Bean
	SnapshotLoader carSnapshotLoader(AsyncRedis asyncRedis, LettuceConnectionFactory connectionFactory,
			EnrichmentProperties properties, FleetProperties fleetProperties, SnapshotStore carSnapshots,
			SnapshotMetrics snapshotMetrics) {
		// spring.data.redis.timeout, as Spring Boot set it on the connection
		Duration timeout = connectionFactory.getClientConfiguration().getCommandTimeout();
		RowCodec codec = new RowCodec(MAPPER);
		SnapshotSettings settings = properties.snapshot();
		return new SnapshotLoader(new RedisSnapshotWriter(asyncRedis, codec, settings, timeout),
				new RedisSnapshotReader(asyncRedis, codec, settings, timeout), carSnapshots, snapshotMetrics,
				fleetProperties.kafka().retry());
	}

}
