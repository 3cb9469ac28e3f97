package io.fleetstream.alert.rules;

import java.util.List;

/**
 * One or more configured rules are invalid: start-up stops with every problem, each
 * naming its rule.
 */
public class InvalidRuleException extends RuntimeException {

	private final List<String> problems;

	InvalidRuleException(List<String> problems) {
		super("Invalid alert rules (fleet.alert.rules, fleet.alert.rules-file):\n  - "
				+ String.join("\n  - ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
