package io.fleetstream.alert.delivery;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which delivery runs, decided from configuration alone: SNS when
 * {@code fleet.alert.sns.enabled} is not {@code false} and
 * {@code fleet.alert.sns.topic-arn} is set, else log-only. One function, used both to
 * switch Spring Cloud AWS's SNS client off in log-only mode (it would need an AWS region
 * to start) and to choose the {@link AlertDelivery} bean.
 *
 * @param sns whether alerts are e-mailed through SNS
 * @param reason why, for the start-up log
 */
record SnsDeliveryMode(boolean sns, String reason) {

	static SnsDeliveryMode of(Environment environment) {
		Binder binder = Binder.get(environment);
		boolean enabled = binder.bind("fleet.alert.sns.enabled", Boolean.class).orElse(true);
		String topicArn = binder.bind("fleet.alert.sns.topic-arn", String.class).orElse("");
		if (!enabled) {
			return new SnsDeliveryMode(false, "fleet.alert.sns.enabled=false");
		}
		if (topicArn.isBlank()) {
			return new SnsDeliveryMode(false, "no fleet.alert.sns.topic-arn set");
		}
		return new SnsDeliveryMode(true, "fleet.alert.sns.topic-arn is set");
	}

}
