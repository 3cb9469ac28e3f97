package io.fleetstream.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fleetstream.alert.delivery.AlertDelivery;
import io.fleetstream.alert.delivery.AlertNotification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Stands in for the SNS delivery in tests: records every notification handed to
 * {@code deliver}, in order, and sends nothing.
 */
public class RecordingDelivery implements AlertDelivery {

	private final List<AlertNotification> delivered = new CopyOnWriteArrayList<>();

	@Override
	public DeliveryResult deliver(List<AlertNotification> notifications) {
		this.delivered.addAll(notifications);
		return DeliveryResult.allSent();
	}

	/** Every notification handed over, as {@code <notificationId>}. */
	public List<String> ids() {
		return this.delivered.stream().map(AlertNotification::notificationId).toList();
	}

	public List<AlertNotification> delivered() {
		return List.copyOf(this.delivered);
	}

	/**
	 * Registers a {@link RecordingDelivery} as the context's {@link AlertDelivery}; not
	 * annotated, so that component scanning of the application's package does not pick it
	 * up where it is not asked for (the child-JVM crash test has its own).
	 */
	public static class Config {

		@Bean
		@Primary
		RecordingDelivery recordingDelivery() {
			return new RecordingDelivery();
		}

	}

}
