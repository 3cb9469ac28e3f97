package io.fleetstream.alert.rules;

import io.fleetstream.alert.delivery.AlertTemplate;

import org.jspecify.annotations.Nullable;

/**
 * Checks a subject or message template at start-up with the delivery's own parser
 * ({@link AlertTemplate}: every {@code {{} closed, only names an {@code
 * AlertNotification}'s values hold), so that a typo stops the service instead of an
 * e-mail, and the check can never disagree with the rendering.
 */
public final class TemplateSyntax {

	private TemplateSyntax() {
	}

	/** The first problem of the template, or {@code null} when it is valid. */
	public static @Nullable String problem(String template) {
		try {
			AlertTemplate.parse(template);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

}
