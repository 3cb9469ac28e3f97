package io.fleetstream.common.gps;

import java.time.Clock;

import io.fleetstream.common.ConditionalOnRoutedHandler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@value GpsFixHandler#NAME} handler and its {@code fleet.gps.*} settings
 * in a service that routes a topic to it ({@code fleet.routes.<route>.handler=gps-fix}),
 * and nowhere else.
 */
@AutoConfiguration
@ConditionalOnRoutedHandler(GpsFixHandler.NAME)
@EnableConfigurationProperties(GpsProperties.class)
public class GpsAutoConfiguration {

	@Bean
	GpsFixHandler gpsFixHandler(GpsProperties properties, ObjectProvider<Clock> clock) {
		// a plain mapper: parsing must not depend on the application's JSON
		// customizations
		GpsFixParser parser = new GpsFixParser(JsonMapper.builder().build(), clock.getIfAvailable(Clock::systemUTC),
				properties.maxFutureSkew(), properties.maxPastSkew());
		return new GpsFixHandler(parser);
	}

}
