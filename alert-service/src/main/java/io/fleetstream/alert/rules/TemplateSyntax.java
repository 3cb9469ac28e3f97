package io.fleetstream.alert.rules;

import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks a subject or message template's {@code {{name}}} placeholders at start-up: every
 * {@code {{} is closed, and names only what an {@code AlertNotification}'s values hold.
 * Rendering (with escaping and truncation) is the delivery's {@code AlertTemplate}; this
 * is only the start-up check, so that a typo stops the service instead of an e-mail.
 */
public final class TemplateSyntax {

	/** The fixed names; {@code signal.<path>} and {@code ref.<column>} besides. */
	public static final Set<String> NAMES = Set.of("carId", "rule", "description", "severity", "state", "eventTime",
			"episodeId");

	private static final Pattern PREFIXED = Pattern.compile("(signal|ref)\\.[A-Za-z0-9_.\\[\\]-]+");

	private TemplateSyntax() {
	}

	/** The first problem of the template, or {@code null} when it is valid. */
	public static @Nullable String problem(String template) {
		int from = 0;
		while (true) {
			int open = template.indexOf("{{", from);
			int stray = template.indexOf("}}", from);
			if (stray >= 0 && (open < 0 || stray < open)) {
				return "'}}' at " + stray + " closes nothing";
			}
			if (open < 0) {
				return null;
			}
			int close = template.indexOf("}}", open + 2);
			if (close < 0) {
				return "'{{' at " + open + " is not closed";
			}
			String name = template.substring(open + 2, close).trim();
			if (!NAMES.contains(name) && !PREFIXED.matcher(name).matches()) {
				return "unknown placeholder '{{" + name + "}}' (known: "
						+ String.join(", ", NAMES.stream().sorted().toList()) + ", signal.<path>, ref.<column>)";
			}
			from = close + 2;
		}
	}

}
