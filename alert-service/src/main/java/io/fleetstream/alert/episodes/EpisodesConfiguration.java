package io.fleetstream.alert.episodes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.delivery.AlertDelivery;
import io.fleetstream.alert.delivery.SnsSettings;
import io.fleetstream.alert.evaluation.CarEvaluator;
import io.fleetstream.alert.rules.RuleKind;
import io.fleetstream.alert.rules.RuleSet;
import io.fleetstream.alert.silences.SilenceStore;
import io.fleetstream.common.kafka.FleetKafkaAutoConfiguration;
import io.fleetstream.common.redis.AsyncRedis;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * The enriched-state and schema-change routes' handlers and loaders, the episode and
 * silence stores, the outlier topic, acknowledgements. The {@link AlertDelivery} (SNS) is
 * required from the delivery package.
 */
@Configuration(proxyBeanMethods = false)
class EpisodesConfiguration {

	/** The enriched route's rejected records, between its handler and its loader. */
	private final UnreadRecords unreadRecords = new UnreadRecords();

	@Bean
	EnrichedStateHandler enrichedStateHandler(RuleSet rules) {
		return new EnrichedStateHandler(rules.all().stream().anyMatch((rule) -> rule.reads().usesTimes()),
				this.unreadRecords);
	}

	@Bean
	EpisodeStore episodeStore(AsyncRedis redis, LettuceConnectionFactory connectionFactory, EpisodeSettings settings) {
		return new EpisodeStore(redis, timeout(connectionFactory), settings.retention());
	}

	@Bean
	SilenceStore silenceStore(AsyncRedis redis, LettuceConnectionFactory connectionFactory) {
		return new SilenceStore(redis, timeout(connectionFactory));
	}

	@Bean
	AlertMetrics alertMetrics(MeterRegistry registry) {
		return new AlertMetrics(registry);
	}

	@Bean
	SchemaChangeHandler schemaChangeHandler() {
		return new SchemaChangeHandler();
	}

	@Bean
	OutlierPublisher outlierPublisher(DefaultKafkaProducerFactory<?, ?> producerFactory, EpisodeSettings settings) {
		return new OutlierPublisher(FleetKafkaAutoConfiguration.rawBytesIdempotentTemplate(producerFactory, Map.of()),
				settings.outlierTopic(), settings.publishTimeout());
	}

	@Bean
	Acknowledgements acknowledgements(EpisodeStore episodeStore, OutlierPublisher outlier) {
		return new Acknowledgements(episodeStore, outlier);
	}

	@Bean
	TransitionFlusher transitionFlusher(AsyncRedis redis, LettuceConnectionFactory connectionFactory,
			EpisodeStore episodeStore, OutlierPublisher outlier, AlertDelivery delivery) {
		return new TransitionFlusher(new PartitionStore(redis, timeout(connectionFactory)), episodeStore, outlier,
				delivery);
	}

	@Bean
	Transitions transitions(SnsSettings sns) {
		// rules without targets of their own go to the SNS delivery's default topic;
		// schema-change rules to the operations topic first
		return new Transitions(topics(sns.topicArn()), topics(sns.operationsTopicOrDefault()));
	}

	@Bean
	AlertLoader alertLoader(RuleSet rules, AsyncRedis redis, LettuceConnectionFactory connectionFactory,
			TransitionFlusher flusher, SilenceStore silenceStore, AlertMetrics metrics, Transitions transitions) {
		return new AlertLoader(new CarEvaluator(rules.all()), transitions,
				new PartitionStore(redis, timeout(connectionFactory)), flusher, silenceStore, metrics,
				this.unreadRecords, Clock.systemUTC());
	}

	@Bean
	SchemaChangeAlertLoader schemaChangeAlertLoader(RuleSet rules, AsyncRedis redis,
			LettuceConnectionFactory connectionFactory, TransitionFlusher flusher, SilenceStore silenceStore,
			AlertMetrics metrics, Transitions transitions) {
		return new SchemaChangeAlertLoader(rules.ofKind(RuleKind.SCHEMA_CHANGE), transitions,
				new PartitionStore(redis, timeout(connectionFactory)), flusher, silenceStore, metrics,
				Clock.systemUTC());
	}

	private static List<String> topics(String topicArn) {
		return (topicArn == null || topicArn.isBlank()) ? List.of() : List.of(topicArn);
	}

	/** spring.data.redis.timeout, as Spring Boot set it on the connection. */
	static Duration timeout(LettuceConnectionFactory connectionFactory) {
		return connectionFactory.getClientConfiguration().getCommandTimeout();
	}

}
