package io.fleetstream.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.fleetstream.alert.delivery.DeliveryLedger.Target;
import io.fleetstream.common.redis.AsyncRedis;
import io.fleetstream.devinfra.RedisProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static io.fleetstream.alert.delivery.DeliveryTestNotifications.TOPIC;
import static io.fleetstream.alert.delivery.DeliveryTestNotifications.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Redis holds the delivery state, so its faults must never turn into a publish without an
 * intent, nor into a second publish: Redis down before the intents means nothing is
 * published; a sent mark Redis did not take is written on the retry instead of publishing
 * again.
 */
class DeliveryRedisFaultTests extends SnsDeliveryTest {

	@Test
	void redisDownBeforeTheIntentsMeansNothingIsPublished() {
		RedisProcess down = RedisProcess.startEphemeral();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(down.host(), down.port()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
		factory.afterPropertiesSet();
		factory.start();
		try {
			down.stop();
			DeliveryLedger ledger = new DeliveryLedger(new AsyncRedis(factory), Duration.ofDays(1),
					Duration.ofSeconds(1), Clock.systemUTC());
			SnsAlertDelivery delivery = delivery(ledger);
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> delivery.deliver(List.of(firing("car-1", "crash"))));
			assertThat(sns.requests()).isEmpty();
		}
		finally {
			factory.destroy();
			down.close();
		}
	}

	@Test
	void aSentMarkRedisDidNotTakeIsWrittenOnTheRetryInsteadOfPublishingAgain() {
		AtomicInteger marksRefused = new AtomicInteger(1);
		DeliveryLedger ledger = new DeliveryLedger(this.asyncRedis, Duration.ofDays(1), Duration.ofSeconds(5),
				Clock.systemUTC()) {
			@Override
			CompletableFuture<?> markSent(Target target, String messageId) {
				if (marksRefused.getAndDecrement() > 0) {
					return CompletableFuture.failedFuture(new IllegalStateException("Redis went away"));
				}
				return super.markSent(target, messageId);
			}
		};
		SnsAlertDelivery delivery = delivery(ledger);
		AlertNotification notification = firing("car-2", "crash");

		assertThatExceptionOfType(DeliveryUnavailableException.class)
			.isThrownBy(() -> delivery.deliver(List.of(notification)))
			.withMessageContaining("mark notifications sent");
		assertThat(sns.published()).hasSize(1);

		assertThat(delivery.deliver(List.of(notification)).rejected()).isEmpty();

		assertThat(sns.requests()).hasSize(1);
		assertThat(this.redis.opsForHash().get(DeliveryLedger.KEY_PREFIX + notification.notificationId(), TOPIC))
			.asString()
			.startsWith("sent:")
			.endsWith(":" + sns.published().get(0).messageId());
	}

	private SnsAlertDelivery delivery(DeliveryLedger ledger) {
		return new SnsAlertDelivery(this.snsClient, ledger, this.properties.sns(),
				new DeliveryMetrics(new SimpleMeterRegistry(), true));
	}

}
