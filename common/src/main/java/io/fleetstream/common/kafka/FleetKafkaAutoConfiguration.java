package io.fleetstream.common.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.fleetstream.common.FleetProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring every FleetStream service shares: a batch listener container factory over
 * raw bytes (JSON is parsed by the handlers, so a bad record is a rejection with a
 * reason, never a consumer failure), the dead-letter publisher the pipeline hands
 * rejections to, the start-up check of the routed topics, Kafka's health, and the one
 * {@link CommonErrorHandler}, which retries every failure it sees with exponential
 * back-off forever (never skipped, never dead-lettered).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(FleetProperties.class)
public class FleetKafkaAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(FleetKafkaAutoConfiguration.class);

	@Bean
	KafkaTemplate<String, byte[]> fleetDeadLetterTemplate(DefaultKafkaProducerFactory<?, ?> producerFactory,
			FleetProperties properties) {
		return rawBytesIdempotentTemplate(producerFactory, BoundedDeadLetterPublishingRecoverer.producerOverrides(
				producerFactory.getConfigurationProperties(), properties.kafka().deadLetterSendTimeout()));
	}

	/**
	 * A template over Boot's producer settings with string keys, raw values, idempotence
	 * and acks from all in-sync replicas, plus these overrides: what every FleetStream
	 * producer (dead letters, {@link KafkaTopicLoader}) needs.
	 */
	public static KafkaTemplate<String, byte[]> rawBytesIdempotentTemplate(
			DefaultKafkaProducerFactory<?, ?> producerFactory, Map<String, Object> overrides) {
		Map<String, Object> config = new HashMap<>(overrides);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		@SuppressWarnings("unchecked")
		DefaultKafkaProducerFactory<String, byte[]> factory = (DefaultKafkaProducerFactory<String, byte[]>) producerFactory
			.copyWithConfigurationOverride(config);
		return new KafkaTemplate<>(factory);
	}

	@Bean
	DeadLetterTopicLimits fleetDeadLetterTopicLimits(KafkaTemplate<String, byte[]> fleetDeadLetterTemplate) {
		Object configured = fleetDeadLetterTemplate.getProducerFactory()
			.getConfigurationProperties()
			.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
		int maxRequestSize = (configured != null) ? Integer.parseInt(configured.toString())
				: (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
		return new DeadLetterTopicLimits(maxRequestSize);
	}

	@Bean
	DeadLetterPublishingRecoverer fleetDeadLetterPublishingRecoverer(
			KafkaTemplate<String, byte[]> fleetDeadLetterTemplate, DeadLetterTopicLimits fleetDeadLetterTopicLimits,
			FleetProperties properties) {
		DeadLetterPublishingRecoverer recoverer = new BoundedDeadLetterPublishingRecoverer(fleetDeadLetterTemplate,
				properties.kafka().deadLetterSuffix(), fleetDeadLetterTopicLimits,
				properties.kafka().deadLetterSendTimeout());
		recoverer.setHeadersFunction((record, ex) -> {
			Throwable reported = (ex instanceof ListenerExecutionFailedException && ex.getCause() != null)
					? ex.getCause() : ex;
			String reason = (reported instanceof RecordRejectedException rejected) ? rejected.reason()
					: reported.getClass().getSimpleName();
			RecordHeaders headers = new RecordHeaders();
			headers.add(new DeadLetterPublishingRecoverer.SingleRecordHeader(RecordRejectedException.REASON_HEADER,
					reason.getBytes(StandardCharsets.UTF_8)));
			return headers;
		});
		return recoverer;
	}

	@Bean
	DeadLetters fleetDeadLetters(DeadLetterPublishingRecoverer fleetDeadLetterPublishingRecoverer) {
		return new DeadLetters(fleetDeadLetterPublishingRecoverer);
	}

	/**
	 * Rejections never reach the error handler: the pipeline dead-letters them itself,
	 * record by record, and the raw-bytes deserializers cannot fail. What does reach it
	 * is a failed batch (Redis or Kafka unreachable, a dead-letter publish that failed, a
	 * loader bug), retried as a whole. So no exception is classified as not retryable,
	 * spring-kafka's default list (conversion failures, {@code ClassCastException}, ...)
	 * included, which would otherwise dead-letter a whole batch of valid records; and
	 * there is no recoverer, as the back-off never ends.
	 */
	@Bean
	CommonErrorHandler fleetErrorHandler(FleetProperties properties, MeterRegistry meterRegistry) {
		FleetProperties.Retry retry = properties.kafka().retry();
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
		handler.setClassifications(Map.of(), true);
		Counter retries = Counter.builder("fleet.batch.retries")
			.description("Batches that failed transiently and are being retried")
			.register(meterRegistry);
		handler.setRetryListeners(new RetryListener() {

			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int attempt) {
				retries.increment();
				logger.warn("Record {}-{}@{} failed (attempt {}), retrying: {}", record.topic(), record.partition(),
						record.offset(), attempt, ex.getMessage());
			}

			@Override
			public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int attempt) {
				retries.increment();
				logger.warn("Batch of {} records failed (attempt {}), retrying: {}", records.count(), attempt,
						ex.getMessage());
			}

		});
		return handler;
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> fleetBatchListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<?, ?> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, rawBytesConsumerFactory(consumerFactory));
		factory.setBatchListener(true);
		return factory;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ConsumerFactory<Object, Object> rawBytesConsumerFactory(ConsumerFactory<?, ?> bootFactory) {
		Map<String, Object> config = new HashMap<>(bootFactory.getConfigurationProperties());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		// offsets are committed by each route's listener after its batch is written
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(config);
		bootFactory.getListeners().forEach((listener) -> factory.addListener((ConsumerFactory.Listener) listener));
		bootFactory.getPostProcessors()
			.forEach((processor) -> factory
				.addPostProcessor((org.springframework.kafka.core.ConsumerPostProcessor) processor));
		return factory;
	}

	@Bean
	RoutedTopicsSetup fleetRoutedTopicsSetup(KafkaAdmin kafkaAdmin, FleetProperties properties,
			DeadLetterTopicLimits fleetDeadLetterTopicLimits) {
		return new RoutedTopicsSetup(kafkaAdmin, properties, fleetDeadLetterTopicLimits);
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, FleetProperties properties) {
		return new KafkaHealthIndicator(kafkaAdmin, properties.kafka().healthTimeout());
	}

}
