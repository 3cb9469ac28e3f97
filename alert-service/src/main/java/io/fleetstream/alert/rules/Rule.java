package io.fleetstream.alert.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import org.jspecify.annotations.Nullable;

/**
 * A validated rule, its condition compiled once at start-up.
 *
 * @param id the rule's id (its key under {@code fleet.alert.rules})
 * @param kind how episodes start and end
 * @param description for people
 * @param condition the CEL source ({@code condition} rules), else {@code null}
 * @param program the compiled condition, else {@code null}
 * @param forDuration how long the condition must hold (or the car be silent)
 * @param cooldown the least time from a resolution to the next firing
 * @param severity how urgent
 * @param subject the subject template
 * @param message the body template
 * @param targets SNS topic ARNs (empty: the default topic)
 * @param params the thresholds the condition reads as {@code params.<name>}
 * @param paths the state paths the condition names, whose values an alert shows
 * @param reads what the condition reads, so a record that changed none of it need not
 * evaluate it again
 */
public record Rule(String id, RuleKind kind, String description, @Nullable String condition,
		CelRuntime.@Nullable Program program, Duration forDuration, Duration cooldown, Severity severity,
		String subject, String message, List<String> targets, Map<String, Object> params, List<String> paths,
		ConditionReads reads) {

	/**
	 * Evaluates the condition over a car's state.
	 * @throws RuleEvaluationException when the condition cannot be evaluated (e.g. a path
	 * read with {@code state['...']} is missing) or is not a boolean
	 */
	public boolean matches(SignalView state) {
		if (this.program == null) {
			throw new IllegalStateException("Rule '" + this.id + "' has no condition (kind " + this.kind + ")");
		}
		try {
			// a resolver, not a Map: CEL copies a Map of variables on every evaluation
			Object result = this.program.eval((name) -> switch (name) {
				case "state" -> Optional.of(state);
				case "params" -> Optional.of(this.params);
				default -> Optional.empty();
			});
			if (result instanceof Boolean matched) {
				return matched;
			}
			throw new RuleEvaluationException(this.id, "the condition yielded " + result + ", not a boolean");
		}
		catch (CelEvaluationException ex) {
			throw new RuleEvaluationException(this.id, ex.getMessage());
		}
	}

}
