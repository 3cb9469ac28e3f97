package io.fleetstream.ingest.api;

import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.ingest.IngestProperties;
import io.fleetstream.ingest.position.PositionKeys;

/**
 * Wires the REST API's Redis reads and describes the API for the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class ApiConfiguration {

	/**
	 * The Redis reads behind the {@link StoreAvailabilityGate}. They share the writer's
	 * connection, but wait at most {@code fleet.ingest.api.redis-timeout} for an answer;
	 * the writer keeps {@code spring.data.redis.timeout} and its retries.
	 */
	@Bean
	StoreAvailabilityGate fleetQueries(AsyncRedis redis, PositionKeys keys, IngestProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		IngestProperties.Api api = properties.api();
		FleetQueries reads = new RedisFleetQueries(redis, keys, api.redisTimeout(), Clock.systemUTC(),
				properties.track());
		StoreAvailabilityGate gate = new StoreAvailabilityGate(reads, api.redisProbeInterval());
		meterRegistry.ifAvailable((registry) -> Gauge
			.builder("fleet.api.redis.available", gate,
					(it) -> (it.state() == StoreAvailabilityGate.State.UNAVAILABLE) ? 0 : 1)
			.description("1 while the REST API serves from Redis, 0 while it answers 503 at once (Redis unavailable)")
			.register(registry));
		return gate;
	}

	/**
	 * Query records built without the data binder (see {@link QueryParametersResolver}).
	 */
	@Bean
	WebMvcConfigurer queryParametersResolver() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new QueryParametersResolver());
			}
		};
	}

	/**
	 * The document names a fixed server ({@code fleet.ingest.api.public-url}, by default
	 * the relative {@code /}) so that springdoc does not build one from the request's
	 * {@code Host} header, which any client can set.
	 */
	@Bean
	OpenAPI fleetStreamOpenApi(IngestProperties properties) {
		return new OpenAPI().servers(List.of(new Server().url(properties.api().publicUrl())))
			.info(new Info().title("FleetStream fleet-position API")
				.version("v1")
				.description(
						"Live vehicle positions from the ingest-service's Redis store: one car, cars around a point "
								+ "or in a box, a car's recent track, fleet counts. JSON by default, GeoJSON "
								+ "(application/geo+json) on request; errors are RFC 9457 problems.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
	}

}
