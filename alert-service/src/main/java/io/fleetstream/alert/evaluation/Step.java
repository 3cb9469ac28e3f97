package io.fleetstream.alert.evaluation;

import org.jspecify.annotations.Nullable;

/**
 * What one evaluation did to a rule's state for a car.
 *
 * @param state the rule's new state
 * @param transition the notified transition, or {@code null} when nothing is notified
 * @param episodeId the episode that transitioned, else {@code null}
 * @param startedAt the episode's start (event time the condition began to hold)
 * @param at the transition's event time
 */
public record Step(RuleState state, @Nullable TransitionKind transition, @Nullable String episodeId, long startedAt,
		long at) {

	static Step quiet(RuleState state) {
		return new Step(state, null, null, 0, 0);
	}

}
