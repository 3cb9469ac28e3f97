package io.fleetstream.alert.delivery;

import java.util.List;

/**
 * Sends episode transitions to SNS at most once each: it records the intent, publishes
 * what is not yet marked sent, then marks it sent, so a retry, a replay or a restart
 * publishes only what was never published (the crash window between a publish and its
 * mark is documented in the alert-service README section).
 */
public interface AlertDelivery {

	/**
	 * Publishes the notifications and returns once each is sent or permanently rejected.
	 * @return the notifications SNS refused as invalid (to be dead-lettered with the
	 * reason; they are not retried)
	 * @throws RuntimeException when SNS is unreachable or throttling: a transient
	 * failure, retried by the pipeline with back-off; what was already sent is not sent
	 * again
	 */
	DeliveryResult deliver(List<AlertNotification> notifications);

	/**
	 * @param rejected the notifications SNS refused, with a kebab-case reason and a
	 * detail
	 */
	record DeliveryResult(List<Rejected> rejected) {

		public static DeliveryResult allSent() {
			return new DeliveryResult(List.of());
		}

		public record Rejected(AlertNotification notification, String reason, String detail) {
		}

	}

}
