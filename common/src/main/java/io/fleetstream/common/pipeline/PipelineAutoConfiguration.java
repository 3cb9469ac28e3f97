package io.fleetstream.common.pipeline;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetstream.common.FleetProperties;
import io.fleetstream.common.kafka.DeadLetters;
import io.fleetstream.common.kafka.FleetKafkaAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ConsumerPostProcessor;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The handler/loader pipeline: resolves {@code fleet.routes} against the handler and
 * loader beans (failing start-up on any unknown name), creates one listener container per
 * route, and the pipeline's health components. A service without routes gets no
 * container.
 */
@AutoConfiguration(after = FleetKafkaAutoConfiguration.class)
@EnableConfigurationProperties(FleetProperties.class)
public class PipelineAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PipelineAutoConfiguration.class);

	@Bean
	RouteTable fleetRouteTable(FleetProperties properties, ObjectProvider<RecordHandler<?>> handlers,
			ObjectProvider<RecordLoader<?>> loaders) {
		RouteTable table = RouteTable.resolve(properties.routes(), handlers.orderedStream().toList(),
				loaders.orderedStream().toList());
		if (!table.isEmpty()) {
			logger.info("Routes: {}", table);
		}
		return table;
	}

	@Bean
	PipelineMetrics fleetPipelineMetrics(MeterRegistry meterRegistry) {
		return new PipelineMetrics(meterRegistry);
	}

	@Bean
	PartitionStalls fleetPartitionStalls(MeterRegistry meterRegistry, ObjectProvider<Clock> clock) {
		return new PartitionStalls(meterRegistry, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> fleetBroadcastListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConcurrentKafkaListenerContainerFactory<Object, Object> fleetBatchListenerContainerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, withoutGroup(fleetBatchListenerContainerFactory.getConsumerFactory()));
		factory.setBatchListener(true);
		return factory;
	}

	/**
	 * The producer for loaders that publish to Kafka ({@code KafkaTopicLoader}): string
	 * keys, raw values, idempotent, acknowledged by all in-sync replicas.
	 */
	@Bean
	KafkaTemplate<String, byte[]> fleetPublishingKafkaTemplate(DefaultKafkaProducerFactory<?, ?> producerFactory) {
		return FleetKafkaAutoConfiguration.rawBytesIdempotentTemplate(producerFactory, Map.of());
	}

	@Bean
	RouteContainers fleetRouteContainers(RouteTable fleetRouteTable, DeadLetters deadLetters,
			PipelineMetrics fleetPipelineMetrics, PartitionStalls fleetPartitionStalls, FleetProperties properties,
			ConcurrentKafkaListenerContainerFactory<Object, Object> fleetBatchListenerContainerFactory,
			ConcurrentKafkaListenerContainerFactory<Object, Object> fleetBroadcastListenerContainerFactory,
			KafkaAdmin kafkaAdmin, ObjectProvider<Clock> clockProvider,
			ObjectProvider<KafkaProperties> kafkaProperties) {
		Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
		Map<String, RouteListener<?>> listeners = new LinkedHashMap<>();
		for (Route<?> route : fleetRouteTable.routes()) {
			listeners.put(route.name(), listener(route, deadLetters, fleetPipelineMetrics, fleetPartitionStalls,
					properties.pipeline(), clock));
		}
		return new RouteContainers(fleetRouteTable, listeners, fleetBatchListenerContainerFactory,
				fleetBroadcastListenerContainerFactory, kafkaAdmin, properties.kafka().topicSetupTimeout().toMillis(),
				kafkaProperties.getIfAvailable(KafkaProperties::new).getListener().isAutoStartup());
	}

	private static <T> RouteListener<T> listener(Route<T> route, DeadLetters deadLetters, PipelineMetrics metrics,
			PartitionStalls stalls, FleetProperties.Pipeline pipeline, Clock clock) {
		RouteBatchProcessor<T> processor = new RouteBatchProcessor<>(route, deadLetters, metrics, clock);
		return new RouteListener<>(route, processor, stalls, clock, pipeline.tickInterval());
	}

	@Bean
	org.springframework.boot.health.contributor.HealthIndicator routesHealthIndicator(
			RouteContainers fleetRouteContainers) {
		return new PipelineHealth.Routes(fleetRouteContainers);
	}

	@Bean
	org.springframework.boot.health.contributor.HealthIndicator listenersHealthIndicator(
			RouteContainers fleetRouteContainers) {
		return new PipelineHealth.Listeners(fleetRouteContainers);
	}

	@Bean
	org.springframework.boot.health.contributor.HealthIndicator consumptionHealthIndicator(
			PartitionStalls fleetPartitionStalls, FleetProperties properties) {
		return new PipelineHealth.Consumption(fleetPartitionStalls, properties.pipeline().stallThreshold());
	}

	/** The same consumers, but in no group: broadcast routes are assigned partitions. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ConsumerFactory<Object, Object> withoutGroup(ConsumerFactory<? super Object, ? super Object> group) {
		Map<String, Object> config = new HashMap<>(group.getConfigurationProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(config);
		group.getListeners().forEach((listener) -> factory.addListener((ConsumerFactory.Listener) listener));
		group.getPostProcessors().forEach((processor) -> factory.addPostProcessor((ConsumerPostProcessor) processor));
		return factory;
	}

}
