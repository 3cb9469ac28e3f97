package io.fleetstream.alert.evaluation;

/**
 * The condition values of one car's rules as last evaluated, by the rule's position in
 * {@link CarEvaluator}'s list: kept in memory only (a partition's, on the consumer thread
 * that owns it), so after an assignment or a restart nothing is known and every rule is
 * evaluated once. Rules past the 64th are never remembered (always evaluated).
 *
 * @param known a bit per rule whose value is known
 * @param holds a bit per rule whose condition held
 */
public record KnownConditions(long known, long holds) {

	/** Nothing known: every rule is evaluated. */
	public static final KnownConditions NONE = new KnownConditions(0, 0);

	static final int CAPACITY = Long.SIZE;

	boolean isKnown(int rule) {
		return rule < CAPACITY && (this.known & (1L << rule)) != 0;
	}

	boolean holds(int rule) {
		return (this.holds & (1L << rule)) != 0;
	}

}
