package io.fleetstream.alert.episodes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.delivery.AlertDelivery;
import io.fleetstream.alert.delivery.SnsSettings;
import io.fleetstream.alert.evaluation.CarEvaluator;
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
 * The enriched-state route's handler and loader, the episode and silence stores, the
 * outlier topic. The {@link AlertDelivery} (SNS) is required from the delivery package.
 */
@Configuration(proxyBeanMethods = false)
class EpisodesConfiguration {

	@Bean
	EnrichedStateHandler enrichedStateHandler() {
		return new EnrichedStateHandler();
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
	TransitionFlusher transitionFlusher(AsyncRedis redis, LettuceConnectionFactory connectionFactory,
			EpisodeStore episodeStore, DefaultKafkaProducerFactory<?, ?> producerFactory, EpisodeSettings settings,
			AlertDelivery delivery) {
		OutlierPublisher outlier = new OutlierPublisher(
				FleetKafkaAutoConfiguration.rawBytesIdempotentTemplate(producerFactory, Map.of()),
				settings.outlierTopic(), settings.publishTimeout());
		return new TransitionFlusher(new PartitionStore(redis, timeout(connectionFactory)), episodeStore, outlier,
				delivery);
	}

	@Bean
	AlertLoader alertLoader(RuleSet rules, AsyncRedis redis, LettuceConnectionFactory connectionFactory,
			TransitionFlusher flusher, SilenceStore silenceStore, AlertMetrics metrics, SnsSettings sns) {
		// rules without targets of their own go to the SNS delivery's default topic
		String defaultTopic = (sns.topicArn() != null) ? sns.topicArn() : "";
		List<String> defaultTargets = defaultTopic.isBlank() ? List.of() : List.of(defaultTopic);
		return new AlertLoader(new CarEvaluator(rules.all()), new Transitions(defaultTargets),
				new PartitionStore(redis, timeout(connectionFactory)), flusher, silenceStore, metrics,
				Clock.systemUTC());
	}

	/** spring.data.redis.timeout, as Spring Boot set it on the connection. */
	static Duration timeout(LettuceConnectionFactory connectionFactory) {
		return connectionFactory.getClientConfiguration().getCommandTimeout();
	}

}
