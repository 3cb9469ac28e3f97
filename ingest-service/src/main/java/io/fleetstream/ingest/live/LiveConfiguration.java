package io.fleetstream.ingest.live;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.ingest.IngestProperties;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * The live position stream ({@code fleet.ingest.live.*}). Its Redis reads wait at most
 * {@code fleet.ingest.api.redis-timeout}, as the REST API's do.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
@ConditionalOnProperty(name = "fleet.ingest.live.enabled", matchIfMissing = true)
class LiveConfiguration {

	@Bean
	LiveFeed liveFeed(AsyncRedis redis, PositionKeys keys, IngestProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		RedisLiveReads reads = new RedisLiveReads(redis, keys, properties.api().redisTimeout());
		return new LiveFeed(reads, keys.shardCount(), properties.live(), Clock.systemUTC(),
				meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
	}

}
