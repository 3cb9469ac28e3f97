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
 * and nowhere else. A service that parses GPS fixes inside a handler of its own (e.g.
 * enrichment-service's telemetry handler) binds {@link GpsProperties} itself and builds
 * its parser with {@link #gpsFixParser}, so that both apply every {@code fleet.gps.*}
 * setting the same way.
 */
@AutoConfiguration
@ConditionalOnRoutedHandler(GpsFixHandler.NAME)
@EnableConfigurationProperties(GpsProperties.class)
public class GpsAutoConfiguration {

	@Bean
	GpsFixHandler gpsFixHandler(GpsProperties properties, ObjectProvider<Clock> clock) {
		return new GpsFixHandler(gpsFixParser(properties, clock.getIfAvailable(Clock::systemUTC)));
	}

	/**
	 * The GPS parser under the {@code fleet.gps.*} settings: the one place that turns
	 * them into a parser, for the {@value GpsFixHandler#NAME} handler and for any other
	 * handler that parses {@code cars.gps.json} records.
	 * @param properties the bound {@code fleet.gps.*} settings
	 * @param clock the clock future event times are judged against
	 */
	public static GpsFixParser gpsFixParser(GpsProperties properties, Clock clock) {
		// a plain mapper: parsing must not depend on the application's JSON
		// customizations
		return new GpsFixParser(JsonMapper.builder().build(), clock, properties.maxFutureSkew(),
				properties.maxPastSkew());
	}

}
