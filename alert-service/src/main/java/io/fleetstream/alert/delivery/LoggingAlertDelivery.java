package io.fleetstream.alert.delivery;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log-only mode, when SNS delivery is off (no {@code fleet.alert.sns.topic-arn}, or
 * {@code fleet.alert.sns.enabled=false}): every notification is logged at WARN with the
 * subject it would have had, and counted in
 * {@code fleet_alert_notifications_not_emailed_total}; nothing is e-mailed and nothing is
 * rejected. Meant for a local run without AWS; never a silent drop.
 */
public class LoggingAlertDelivery implements AlertDelivery {

	private static final Logger logger = LoggerFactory.getLogger(LoggingAlertDelivery.class);

	private final SnsSettings settings;

	private final DeliveryMetrics metrics;

	LoggingAlertDelivery(SnsSettings settings, DeliveryMetrics metrics) {
		this.settings = settings;
		this.metrics = metrics;
	}

	@Override
	public DeliveryResult deliver(List<AlertNotification> notifications) {
		for (AlertNotification notification : notifications) {
			this.metrics.notEmailed(notification);
			String subject;
			try {
				subject = SnsMessage.render(notification, this.settings).subject();
			}
			catch (IllegalArgumentException ex) {
				subject = "(template not renderable: " + ex.getMessage() + ")";
			}
			logger.warn("Alert NOT e-mailed (SNS delivery off): \"{}\" rule={} severity={} state={} car={} episode={}",
					subject, UntrustedText.value(notification.ruleId(), 100),
					UntrustedText.value(notification.severity(), 20), UntrustedText.value(notification.state(), 20),
					UntrustedText.value(notification.carId(), 100), UntrustedText.value(notification.episodeId(), 200));
		}
		return DeliveryResult.allSent();
	}

}
