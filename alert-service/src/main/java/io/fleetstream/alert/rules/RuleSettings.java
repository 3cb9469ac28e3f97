package io.fleetstream.alert.rules;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * One rule as configured under {@code fleet.alert.rules.<id>} (or in the rules file).
 * Everything is text here, so that {@link RuleCompiler} can reject a bad value with a
 * message naming the rule, rather than a binding error naming a property index.
 *
 * @param enabled whether the rule is evaluated (shipped rules are on by default)
 * @param kind {@code condition} (a CEL condition over the car's state, the default),
 * {@code no-data} (fires when a car sends nothing for {@code for}, on the wall clock), or
 * {@code schema-change} (every event of {@code fleet.schema-changes.json}, once each)
 * @param description what the rule detects, for people
 * @param condition the CEL condition ({@code condition} rules only)
 * @param forDuration how long the condition must hold before the episode fires, e.g.
 * {@code 2m}, {@code 30s}, {@code PT10M} ({@code for} in YAML)
 * @param cooldown the least time from one episode's resolution to the next firing of the
 * same rule for the same car
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param subject the e-mail subject template ({@code {{name}}} placeholders)
 * @param message the e-mail body template
 * @param targets SNS topic ARNs; empty: {@code fleet.alert.sns.topic-arn} (for
 * {@code schema-change} rules {@code fleet.alert.sns.operations-topic-arn} first)
 * @param params named thresholds the condition reads as {@code params.<name>} (numbers
 * where they parse as numbers), so a threshold is one property to change
 */
public record RuleSettings(@DefaultValue("true") boolean enabled, @DefaultValue("condition") String kind,
		@Nullable String description, @Nullable String condition, @Name("for") @DefaultValue("0s") String forDuration,
		@DefaultValue("0s") String cooldown, @DefaultValue("warning") String severity, @Nullable String subject,
		@Nullable String message, @DefaultValue List<String> targets, @DefaultValue Map<String, String> params) {

}
