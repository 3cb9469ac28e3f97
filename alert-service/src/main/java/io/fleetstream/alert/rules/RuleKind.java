package io.fleetstream.alert.rules;

/** How a rule decides that an episode starts and ends. */
public enum RuleKind {

	/** A CEL condition over the car's state, held for the rule's {@code for}. */
	CONDITION,

	/** No record from the car for the rule's {@code for}, on the wall clock. */
	NO_DATA,

	/**
	 * Every event of {@code fleet.schema-changes.json} (enrichment-service): one
	 * notification per event, no condition, no {@code for}, no resolution.
	 */
	SCHEMA_CHANGE

}
