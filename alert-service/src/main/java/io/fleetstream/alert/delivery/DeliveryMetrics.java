package io.fleetstream.alert.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The delivery's meters (docs/alert-delivery.md, "Metrics"):
 * {@code fleet_alert_sns_publishes_total{outcome,rule,severity}} per notification and
 * topic, {@code fleet_alert_sns_publish_duration_seconds{outcome}} per SNS request,
 * {@code fleet_alert_notifications_not_emailed_total{rule,severity}} in log-only mode and
 * {@code fleet_alert_delivery_sns_enabled} (1 when alerts are e-mailed, 0 in log-only
 * mode).
 */
class DeliveryMetrics {

	enum Outcome {

		SENT("sent"), DUPLICATE_SKIPPED("duplicate-skipped"), REJECTED("rejected"), FAILED("failed");

		final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

	}

	private final MeterRegistry registry;

	DeliveryMetrics(MeterRegistry registry, boolean snsEnabled) {
		this.registry = registry;
		Gauge.builder("fleet.alert.delivery.sns.enabled", () -> snsEnabled ? 1 : 0)
			.description("1 when alerts are e-mailed through SNS, 0 in log-only mode")
			.register(registry);
	}

	void published(AlertNotification notification, Outcome outcome) {
		Counter.builder("fleet.alert.sns.publishes")
			.description(
					"Notifications per topic by outcome: sent, duplicate-skipped (already sent), rejected (by SNS, "
							+ "dead-lettered), failed (transient, retried)")
			.tag("outcome", outcome.tag)
			.tag("rule", tag(notification.ruleId()))
			.tag("severity", tag(notification.severity()))
			.register(this.registry)
			.increment();
	}

	void publishLatency(Outcome outcome, Duration duration) {
		Timer.builder("fleet.alert.sns.publish.duration")
			.description("SNS Publish calls, the AWS SDK's own retries included")
			.tag("outcome", outcome.tag)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(duration);
	}

	void notEmailed(AlertNotification notification) {
		Counter.builder("fleet.alert.notifications.not.emailed")
			.description("Notifications logged but not e-mailed, because SNS delivery is off (log-only mode)")
			.tag("rule", tag(notification.ruleId()))
			.tag("severity", tag(notification.severity()))
			.register(this.registry)
			.increment();
	}

	private static String tag(String value) {
		return (value != null) ? value : "none";
	}

}
