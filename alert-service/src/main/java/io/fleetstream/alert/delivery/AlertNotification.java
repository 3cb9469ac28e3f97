package io.fleetstream.alert.delivery;

import java.util.List;
import java.util.Map;

/**
 * One episode transition to notify by e-mail (SNS): the episode fired or resolved.
 *
 * @param episodeId the episode's deterministic id (car, rule, start event time)
 * @param state {@code FIRING} or {@code RESOLVED}
 * @param carId the car (untrusted: it is a device's Kafka key)
 * @param ruleId the rule's id
 * @param severity the rule's severity
 * @param eventTime epoch ms event time of the transition
 * @param subjectTemplate the rule's subject template ({@link AlertTemplate} syntax)
 * @param bodyTemplate the rule's message template ({@link AlertTemplate} syntax)
 * @param values what the templates may name: {@code carId}, {@code rule},
 * {@code description}, {@code severity}, {@code state}, {@code eventTime} (ISO-8601),
 * {@code episodeId}, {@code signal.<path>} for every signal of the car's state and
 * {@code ref.<column>} for its reference data; device and CDC values are untrusted
 * @param topicArns the SNS topics to publish to (the rule's targets, else the default)
 */
public record AlertNotification(String episodeId, String state, String carId, String ruleId, String severity,
		long eventTime, String subjectTemplate, String bodyTemplate, Map<String, Object> values,
		List<String> topicArns) {

	/** The idempotency key of this transition: at most one publish per id and topic. */
	public String notificationId() {
		return this.episodeId + ":" + this.state;
	}

}
