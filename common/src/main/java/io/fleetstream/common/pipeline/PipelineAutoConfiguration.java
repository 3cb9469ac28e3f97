package io.fleetstream.common.pipeline;

import java.time.Clock;
import java.util.Map;

import io.fleetstream.common.FleetProperties;
import io.fleetstream.common.kafka.DeadLetters;
import io.fleetstream.common.kafka.FleetKafkaAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The handler/loader pipeline: resolves {@code fleet.routes} against the handler and
 * loader beans (failing start-up on any unknown name) and registers the one listener. A
 * service without routes gets no listener.
 */
@AutoConfiguration(after = FleetKafkaAutoConfiguration.class)
@EnableConfigurationProperties(FleetProperties.class)
@Conditional(PipelineAutoConfiguration.OnRoutesConfigured.class)
public class PipelineAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PipelineAutoConfiguration.class);

	@Bean
	RouteTable fleetRouteTable(FleetProperties properties, ObjectProvider<RecordHandler<?>> handlers,
			ObjectProvider<RecordLoader<?>> loaders) {
		RouteTable table = RouteTable.resolve(properties.routes(), handlers.orderedStream().toList(),
				loaders.orderedStream().toList());
		logger.info("Routes: {}", table);
		return table;
	}

	@Bean
	PipelineMetrics fleetPipelineMetrics(MeterRegistry meterRegistry) {
		return new PipelineMetrics(meterRegistry);
	}

	@Bean
	RoutedBatchProcessor fleetRoutedBatchProcessor(RouteTable fleetRouteTable, DeadLetters deadLetters,
			PipelineMetrics fleetPipelineMetrics, ObjectProvider<Clock> clock) {
		return new RoutedBatchProcessor(fleetRouteTable, deadLetters, fleetPipelineMetrics,
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	RoutedRecordsListener fleetRoutedRecordsListener(RoutedBatchProcessor processor, RouteTable fleetRouteTable) {
		return new RoutedRecordsListener(processor, fleetRouteTable);
	}

	static class OnRoutesConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean configured = Binder.get(context.getEnvironment())
				.bind("fleet.routes", Bindable.mapOf(String.class, Object.class))
				.map(Map::isEmpty)
				.map((empty) -> !empty)
				.orElse(false);
			return configured ? ConditionOutcome.match("fleet.routes configured")
					: ConditionOutcome.noMatch("no fleet.routes");
		}

	}

}
