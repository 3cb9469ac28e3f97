package io.fleetstream.alert.rules;

/** A rule's condition could not be evaluated over one car's state. */
public class RuleEvaluationException extends RuntimeException {

	private final String ruleId;

	public RuleEvaluationException(String ruleId, String detail) {
		super("Rule '" + ruleId + "': " + detail);
		this.ruleId = ruleId;
	}

	public String ruleId() {
		return this.ruleId;
	}

}
