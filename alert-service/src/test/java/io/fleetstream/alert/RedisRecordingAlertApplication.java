package io.fleetstream.alert;

import java.util.List;

import io.fleetstream.alert.delivery.AlertDelivery;
import io.fleetstream.alert.delivery.AlertNotification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * alert-service for a child JVM (the crash test): every notification handed to the
 * delivery is appended to a Redis list ({@code test.deliveries-key}) before
 * {@code deliver} returns, so the test sees what a killed process delivered.
 */
public final class RedisRecordingAlertApplication {

	private RedisRecordingAlertApplication() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(AlertApplication.class, Config.class).run(args);
	}

	/** Not annotated: component scanning must not pick it up in the in-JVM tests. */
	static class Config {

		@Bean
		@Primary
		AlertDelivery redisRecordingDelivery(StringRedisTemplate redis, @Value("${test.deliveries-key}") String key) {
			return (notifications) -> {
				List<String> ids = notifications.stream().map(AlertNotification::notificationId).toList();
				redis.opsForList().rightPushAll(key, ids);
				return AlertDelivery.DeliveryResult.allSent();
			};
		}

	}

}
