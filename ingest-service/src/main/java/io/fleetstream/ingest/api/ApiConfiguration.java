package io.fleetstream.ingest.api;

import java.time.Clock;
import java.time.Duration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.ingest.IngestProperties;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * Wires the REST API's Redis reads and describes the API for the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class ApiConfiguration {

	@Bean
	FleetQueries fleetQueries(AsyncRedis redis, LettuceConnectionFactory connectionFactory, PositionKeys keys,
			IngestProperties properties) {
		// spring.data.redis.timeout, as Spring Boot set it on the connection
		Duration timeout = connectionFactory.getClientConfiguration().getCommandTimeout();
		return new RedisFleetQueries(redis, keys, timeout, Clock.systemUTC(), properties.track());
	}

	@Bean
	OpenAPI fleetStreamOpenApi() {
		return new OpenAPI().info(new Info().title("FleetStream fleet-position API")
			.version("v1")
			.description("Live vehicle positions from the ingest-service's Redis store: one car, cars around a point "
					+ "or in a box, a car's recent track, fleet counts. JSON by default, GeoJSON "
					+ "(application/geo+json) on request; errors are RFC 9457 problems.")
			.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
	}

}
