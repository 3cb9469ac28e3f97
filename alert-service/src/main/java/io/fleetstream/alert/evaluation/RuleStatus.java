package io.fleetstream.alert.evaluation;

/** Where one rule stands for one car. */
public enum RuleStatus {

	/** The condition does not hold. */
	INACTIVE,

	/** The condition holds, but not yet for the rule's {@code for} (or in cooldown). */
	PENDING,

	/** The episode fired and has not resolved. */
	FIRING

}
