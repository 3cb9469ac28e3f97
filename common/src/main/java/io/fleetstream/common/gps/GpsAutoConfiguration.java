package io.fleetstream.common.gps;

import java.time.Clock;

import io.fleetstream.common.FleetProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@value GpsFixHandler#NAME} handler, so any service can route a
 * GPS-shaped topic to a loader by configuration.
 */
@AutoConfiguration
@EnableConfigurationProperties(FleetProperties.class)
public class GpsAutoConfiguration {

	@Bean
	GpsFixHandler gpsFixHandler(FleetProperties properties, ObjectProvider<Clock> clock) {
		// a plain mapper: parsing must not depend on the application's JSON
		// customizations
		GpsFixParser parser = new GpsFixParser(JsonMapper.builder().build(), clock.getIfAvailable(Clock::systemUTC),
				properties.gps().maxFutureSkew());
		return new GpsFixHandler(parser);
	}

}
