package io.fleetstream.alert.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is published for one notification: the rendered subject and body and the message
 * attributes subscription filter policies route on ({@code rule}, {@code severity},
 * {@code carId}, {@code state}, {@code episodeId}; String type).
 */
record SnsMessage(String subject, String body, Map<String, String> attributes) {

	/** The longest attribute value sent; values are single-line and neutralised too. */
	static final int MAX_ATTRIBUTE_LENGTH = 256;

	/** What a blank attribute is sent as: SNS refuses empty String attributes. */
	static final String NONE = "(none)";

	/**
	 * Renders a notification with the limits of the settings.
	 * @throws IllegalArgumentException if one of its templates is malformed
	 */
	static SnsMessage render(AlertNotification notification, SnsSettings settings) {
		AlertTemplate subjectTemplate = AlertTemplate
			.parse(orDefault(notification.subjectTemplate(), AlertTemplate.DEFAULT_SUBJECT));
		AlertTemplate bodyTemplate = AlertTemplate
			.parse(orDefault(notification.bodyTemplate(), AlertTemplate.DEFAULT_BODY));
		Map<String, Object> values = values(notification);
		String subject = subjectTemplate.renderSubject(values, settings.maxSubjectLength());
		if (subject.isBlank()) {
			subject = AlertTemplate.parse(AlertTemplate.DEFAULT_SUBJECT)
				.renderSubject(values, settings.maxSubjectLength());
		}
		String body = bodyTemplate.renderBody(values, settings.maxBodyLength(), settings.maxValueLength());
		if (body.isBlank()) {
			body = AlertTemplate.parse(AlertTemplate.DEFAULT_BODY)
				.renderBody(values, settings.maxBodyLength(), settings.maxValueLength());
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("rule", attribute(notification.ruleId()));
		attributes.put("severity", attribute(notification.severity()));
		attributes.put("carId", attribute(notification.carId()));
		attributes.put("state", attribute(notification.state()));
		attributes.put("episodeId", attribute(notification.episodeId()));
		return new SnsMessage(subject, body, attributes);
	}

	/**
	 * The notification's values, with the fixed names filled from its own fields where
	 * the caller left them out.
	 */
	private static Map<String, Object> values(AlertNotification notification) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("carId", notification.carId());
		values.put("rule", notification.ruleId());
		values.put("severity", notification.severity());
		values.put("state", notification.state());
		values.put("episodeId", notification.episodeId());
		values.put("eventTime", java.time.Instant.ofEpochMilli(notification.eventTime()).toString());
		if (notification.values() != null) {
			values.putAll(notification.values());
		}
		return values;
	}

	private static String attribute(String value) {
		String safe = (value != null) ? UntrustedText.value(value, MAX_ATTRIBUTE_LENGTH) : "";
		return safe.isEmpty() ? NONE : safe;
	}

	private static String orDefault(String template, String fallback) {
		return (template == null || template.isBlank()) ? fallback : template;
	}

}
