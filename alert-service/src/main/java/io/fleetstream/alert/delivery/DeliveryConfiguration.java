package io.fleetstream.alert.delivery;

import java.time.Clock;
import java.time.Duration;

import io.awspring.cloud.autoconfigure.sns.SnsClientCustomizer;
import io.fleetstream.common.redis.AsyncRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsServiceClientConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The {@link AlertDelivery} bean: {@link SnsAlertDelivery} when SNS delivery is on,
 * {@link LoggingAlertDelivery} otherwise ({@link SnsDeliveryMode}); the choice is logged
 * at start-up.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@Conditional(SnsMode.class)
	static class SnsDeliveryConfiguration {

		/**
		 * The SDK's retries and timeouts of one publish, on the client Spring Cloud AWS
		 * builds.
		 */
		@Bean
		SnsClientCustomizer fleetSnsRetries(SnsSettings settings) {
			SnsSettings.Retry retry = settings.retry();
			return (builder) -> {
				ClientOverrideConfiguration current = builder.overrideConfiguration();
				builder.overrideConfiguration(current.toBuilder()
					.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
						.toBuilder()
						.maxAttempts(retry.maxAttempts())
						.build())
					.apiCallAttemptTimeout(retry.attemptTimeout())
					.apiCallTimeout(retry.callTimeout())
					.build());
			};
		}

		@Bean
		SnsAlertDelivery snsAlertDelivery(SnsClient sns, AsyncRedis redis, LettuceConnectionFactory connectionFactory,
				SnsSettings settings, MeterRegistry meterRegistry) {
			// spring.data.redis.timeout, as Spring Boot set it on the connection
			Duration redisTimeout = connectionFactory.getClientConfiguration().getCommandTimeout();
			DeliveryLedger ledger = new DeliveryLedger(redis, settings.retention(), redisTimeout, Clock.systemUTC());
			SnsServiceClientConfiguration client = sns.serviceClientConfiguration();
			logger.info("Alert delivery: SNS, default topic {}, region {}, endpoint {}; marks kept {}",
					settings.topicArn(), client.region(),
					client.endpointOverride().map(Object::toString).orElse("(AWS default)"), settings.retention());
			return new SnsAlertDelivery(sns, ledger, settings, new DeliveryMetrics(meterRegistry, true));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(LogOnlyMode.class)
	static class LogOnlyDeliveryConfiguration {

		@Bean
		LoggingAlertDelivery loggingAlertDelivery(SnsSettings settings, MeterRegistry meterRegistry,
				Environment environment) {
			logger.warn(
					"Alert delivery: LOG ONLY ({}): alerts are logged and counted "
							+ "(fleet_alert_notifications_not_emailed_total), NOT e-mailed",
					SnsDeliveryMode.of(environment).reason());
			return new LoggingAlertDelivery(settings, new DeliveryMetrics(meterRegistry, false));
		}

	}

	static class SnsMode extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			SnsDeliveryMode mode = SnsDeliveryMode.of(context.getEnvironment());
			return new ConditionOutcome(mode.sns(), "SNS alert delivery: " + mode.reason());
		}

	}

	static class LogOnlyMode extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			SnsDeliveryMode mode = SnsDeliveryMode.of(context.getEnvironment());
			return new ConditionOutcome(!mode.sns(), "log-only alert delivery: " + mode.reason());
		}

	}

}
