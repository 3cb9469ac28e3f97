package io.fleetstream.common.pipeline;

import io.fleetstream.common.gps.GpsAutoConfiguration;
import io.fleetstream.common.kafka.FleetKafkaAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.listener.CommonErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, FleetKafkaAutoConfiguration.class,
				GpsAutoConfiguration.class, PipelineAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("fleet.kafka.create-topics=false");

	@Test
	void serviceWithoutRoutesHasNoRouteButTheOneErrorHandler() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RouteContainers.class);
			assertThat(context.getBean(RouteContainers.class).routes().isEmpty()).isTrue();
			assertThat(context).hasSingleBean(CommonErrorHandler.class);
		});
	}

	@Test
	void unknownLoaderNameFailsStartUpNamingIt() {
		this.runner
			.withPropertyValues("fleet.routes.gps.topics=cars.gps.json", "fleet.routes.gps.handler=gps-fix",
					"fleet.routes.gps.loaders=redis-positon")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Route 'gps' names unknown loader 'redis-positon'"));
	}

	@Test
	void unknownHandlerNameFailsStartUpNamingIt() {
		this.runner
			.withPropertyValues("fleet.routes.gps.topics=cars.gps.json", "fleet.routes.gps.handler=gps",
					"fleet.routes.gps.loaders=x")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Route 'gps' names unknown handler 'gps'")
				// gps-fix is registered only where a route names it
				.hasMessageContaining("known handlers: []"));
	}

}
