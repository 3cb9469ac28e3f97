package io.fleetstream.enrichment.telemetry;

import java.time.Clock;
import java.util.HashSet;

import io.fleetstream.common.gps.GpsFixParser;
import io.fleetstream.common.gps.GpsProperties;
import io.fleetstream.enrichment.EnrichmentProperties;
import io.fleetstream.enrichment.flatten.JsonFlattener;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value TelemetryHandler#NAME} handler, with common's GPS parser under its
 * {@code fleet.gps.*} settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ EnrichmentProperties.class, GpsProperties.class })
class TelemetryConfiguration {

	@Bean
	TelemetryHandler telemetryHandler(EnrichmentProperties properties, GpsProperties gps, ObjectProvider<Clock> clock) {
		GpsFixParser parser = new GpsFixParser(JsonMapper.builder().build(), clock.getIfAvailable(Clock::systemUTC),
				gps.maxFutureSkew(), gps.maxPastSkew());
		return new TelemetryHandler(parser, new JsonFlattener(properties.flatten()),
				new HashSet<>(properties.telemetry().gpsTopics()));
	}

}
