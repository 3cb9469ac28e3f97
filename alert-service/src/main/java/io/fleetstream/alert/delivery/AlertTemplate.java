package io.fleetstream.alert.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule's subject or message template: literal text with {@code {{name}}} placeholders
 * (spaces inside the braces allowed), where a name is one of {@link #NAMES}, or
 * {@code signal.<path>} (a signal of the car's state, e.g.
 * {@code signal.engine.coolantTempC}, {@code signal.dtc[0]}), {@code ref.<column>} (its
 * reference data, e.g. {@code ref.plate}) or {@code change.<field>} (a schema change's
 * fields, e.g. {@code change.path}). Parsed once, when the rules load, so a malformed
 * template stops start-up; rendered per notification with every value treated as
 * untrusted ({@link UntrustedText}). Literal <code>{{</code> and <code>}}</code> cannot
 * appear in a template.
 */
public final class AlertTemplate {

	/** The fixed placeholder names. */
	public static final Set<String> NAMES = Set.of("carId", "rule", "description", "severity", "state", "eventTime",
			"episodeId");

	/** The subject used when a rule has none. */
	public static final String DEFAULT_SUBJECT = "[{{severity}}] {{rule}} {{state}}: {{carId}}";

	/** The body used when a rule has none. */
	public static final String DEFAULT_BODY = """
			{{description}}

			Car: {{carId}}
			Rule: {{rule}} ({{severity}})
			State: {{state}} at {{eventTime}}
			Episode: {{episodeId}}
			""";

	/** What a placeholder whose value the notification does not carry renders as. */
	static final String MISSING = "(missing)";

	private static final Pattern PREFIXED = Pattern.compile("(signal|ref|change)\\.[^\\s{}]+");

	private final String source;

	private final List<Object> parts;

	private AlertTemplate(String source, List<Object> parts) {
		this.source = source;
		this.parts = parts;
	}

	/**
	 * Parses a template.
	 * @throws IllegalArgumentException if it is malformed: an unclosed <code>{{</code>,
	 * an unmatched <code>}}</code>, an empty or unknown placeholder; the message names
	 * the problem and its line and column
	 */
	public static AlertTemplate parse(String source) {
		if (source == null) {
			throw new IllegalArgumentException("no template given");
		}
		List<Object> parts = new ArrayList<>();
		int literalStart = 0;
		int i = 0;
		while (i < source.length() - 1) {
			if (source.startsWith("}}", i)) {
				throw malformed(source, i, "unmatched '}}'");
			}
			if (!source.startsWith("{{", i)) {
				i++;
				continue;
			}
			int close = source.indexOf("}}", i + 2);
			int nestedOpen = source.indexOf("{{", i + 2);
			if (close < 0 || (nestedOpen >= 0 && nestedOpen < close)) {
				throw malformed(source, i, "unclosed '{{'");
			}
			String name = source.substring(i + 2, close).strip();
			checkName(source, i, name);
			if (i > literalStart) {
				parts.add(source.substring(literalStart, i));
			}
			parts.add(new Placeholder(name));
			i = close + 2;
			literalStart = i;
		}
		if (literalStart < source.length()) {
			parts.add(source.substring(literalStart));
		}
		return new AlertTemplate(source, Collections.unmodifiableList(parts));
	}

	/** The placeholder names, in order of appearance. */
	public List<String> placeholders() {
		return this.parts.stream().filter(Placeholder.class::isInstance).map((p) -> ((Placeholder) p).name()).toList();
	}

	public String source() {
		return this.source;
	}

	/**
	 * A subject: one line, no control characters, at most {@code maxLength} UTF-16 chars
	 * (values and the template's own text alike).
	 */
	public String renderSubject(Map<String, ?> values, int maxLength) {
		String rendered = render(values, maxLength);
		return UntrustedText.truncate(UntrustedText.singleLine(rendered), maxLength);
	}

	/**
	 * A message body: the template's lines kept, each value on one line, neutralised and
	 * cut to {@code maxValueLength}, the whole cut to {@code maxLength} UTF-16 chars.
	 */
	public String renderBody(Map<String, ?> values, int maxLength, int maxValueLength) {
		String rendered = UntrustedText.multiLine(render(values, maxValueLength));
		return UntrustedText.truncate(rendered, maxLength);
	}

	private String render(Map<String, ?> values, int maxValueLength) {
		StringBuilder out = new StringBuilder();
		for (Object part : this.parts) {
			if (part instanceof Placeholder placeholder) {
				Object value = values.containsKey(placeholder.name()) ? values.get(placeholder.name()) : MISSING;
				out.append(UntrustedText.value(value, maxValueLength));
			}
			else {
				out.append((String) part);
			}
		}
		return out.toString();
	}

	private static void checkName(String source, int at, String name) {
		if (name.isEmpty()) {
			throw malformed(source, at, "empty placeholder '{{}}'");
		}
		if (!NAMES.contains(name) && !PREFIXED.matcher(name).matches()) {
			throw malformed(source, at,
					"unknown placeholder '" + UntrustedText.value(name, 60) + "' (known: "
							+ String.join(", ", NAMES.stream().sorted().toList())
							+ ", signal.<path>, ref.<column>, change.<field>)");
		}
	}

	private static IllegalArgumentException malformed(String source, int index, String problem) {
		int line = 1;
		int column = 1;
		for (int i = 0; i < index; i++) {
			if (source.charAt(i) == '\n') {
				line++;
				column = 1;
			}
			else {
				column++;
			}
		}
		return new IllegalArgumentException(
				"Malformed template: " + problem + " at line " + line + ", column " + column);
	}

	@Override
	public String toString() {
		return this.source;
	}

	private record Placeholder(String name) {
	}

}
