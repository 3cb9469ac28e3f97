package io.fleetstream.alert.evaluation;

import io.fleetstream.alert.rules.Rule;

/**
 * An episode that fired or resolved.
 *
 * @param rule the rule
 * @param carId the car
 * @param kind fired or resolved
 * @param episodeId the episode's deterministic id
 * @param startedAt epoch ms the condition began to hold
 * @param at epoch ms event time of the transition
 */
public record Transition(Rule rule, String carId, TransitionKind kind, String episodeId, long startedAt, long at) {

	static Transition of(Rule rule, String carId, Step step) {
		return new Transition(rule, carId, step.transition(), step.episodeId(), step.startedAt(), step.at());
	}

}
