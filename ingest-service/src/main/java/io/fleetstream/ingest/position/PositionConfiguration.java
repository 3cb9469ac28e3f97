package io.fleetstream.ingest.position;

import java.time.Duration;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.ingest.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

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
	PositionWriter positionWriter(AsyncRedis asyncRedis, LettuceConnectionFactory connectionFactory,
			PositionKeys positionKeys, IngestProperties properties) {
		// spring.data.redis.timeout, as Spring Boot set it on the connection
		Duration timeout = connectionFactory.getClientConfiguration().getCommandTimeout();
		return new PositionWriter(asyncRedis, positionKeys, properties.track(), timeout);
	}

	@Bean
	RedisPositionLoader redisPositionLoader(PositionWriter positionWriter, MeterRegistry meterRegistry) {
		return new RedisPositionLoader(positionWriter, meterRegistry);
	}

}
