package io.fleetstream.ingest.position;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.ingest.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The position store's beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class PositionConfiguration {

	@Bean
	PositionKeys positionKeys(IngestProperties properties) {
		return new PositionKeys(properties.geoShards());
	}

	@Bean
	PositionWriter positionWriter(AsyncRedis asyncRedis, PositionKeys positionKeys, IngestProperties properties) {
		return new PositionWriter(asyncRedis, positionKeys, properties.track(), properties.redisTimeout());
	}

	@Bean
	RedisPositionLoader redisPositionLoader(PositionWriter positionWriter, MeterRegistry meterRegistry) {
		return new RedisPositionLoader(positionWriter, meterRegistry);
	}

}
