package io.fleetstream.alert.rules;

/** How a rule decides that an episode starts and ends. */
public enum RuleKind {

	/** A CEL condition over the car's state, held for the rule's {@code for}. */
	CONDITION,

	/** No record from the car for the rule's {@code for}, on the wall clock. */
	NO_DATA

}
