package io.fleetstream.enrichment.telemetry;

import java.time.Clock;
import java.util.HashSet;

import io.fleetstream.common.gps.GpsAutoConfiguration;
import io.fleetstream.common.gps.GpsProperties;
import io.fleetstream.enrichment.EnrichmentProperties;
import io.fleetstream.enrichment.flatten.JsonFlattener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value TelemetryHandler#NAME} handler, with common's GPS parser under its
 * {@code fleet.gps.*} settings, built by the same factory as the {@code gps-fix} handler
 * (this service routes no topic to that handler, so common does not bind them here).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ EnrichmentProperties.class, GpsProperties.class })
class TelemetryConfiguration {

	@Bean
	TelemetryHandler telemetryHandler(EnrichmentProperties properties, GpsProperties gps, ObjectProvider<Clock> clock) {
		return new TelemetryHandler(GpsAutoConfiguration.gpsFixParser(gps, clock.getIfAvailable(Clock::systemUTC)),
				new JsonFlattener(properties.flatten()), new HashSet<>(properties.telemetry().gpsTopics()));
	}

}
