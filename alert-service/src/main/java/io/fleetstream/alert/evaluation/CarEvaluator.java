package io.fleetstream.alert.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.rules.Rule;
import io.fleetstream.alert.rules.RuleKind;
import io.fleetstream.alert.rules.SignalView;

/**
 * Applies every rule to one car's new state: a pure function of (the car's previous alert
 * state, the enriched record, its offset). A rule whose condition cannot be evaluated
 * keeps its previous state and is reported; the others are evaluated as usual.
 */
public final class CarEvaluator {

	private final List<Rule> rules;

	public CarEvaluator(List<Rule> rules) {
		this.rules = rules.stream()
			.filter((rule) -> rule.kind() == RuleKind.CONDITION || rule.kind() == RuleKind.NO_DATA)
			.toList();
	}

	/**
	 * @param previous the car's state before the record
	 * @param record the enriched record
	 * @param offset its offset: at or below {@link CarAlerts#lastOffset()} it was
	 * evaluated already (a replay) and changes nothing
	 */
	public Evaluation evaluate(CarAlerts previous, EnrichedState record, long offset) {
		if (offset <= previous.lastOffset()) {
			return new Evaluation(previous, List.of(), List.of(), true);
		}
		long at = Math.max(record.eventTime(), previous.lastEventTime());
		SignalView view = new SignalView(record.signals(), record.signalTimes(), at);
		Map<String, RuleState> states = new HashMap<>(previous.rules());
		List<Transition> transitions = new ArrayList<>();
		List<RuleFailure> failures = new ArrayList<>();
		for (Rule rule : this.rules) {
			boolean holds;
			try {
				// a record from a silent car ends its silence
				holds = (rule.kind() == RuleKind.CONDITION) && rule.matches(view);
			}
			catch (RuntimeException ex) {
				failures.add(new RuleFailure(rule.id(), ex.getMessage()));
				continue;
			}
			Step step = EpisodeMachine.evaluate(record.carId(), rule.id(), rule.forDuration(), rule.cooldown(),
					previous.rule(rule.id()), holds, at);
			put(states, rule.id(), step.state());
			if (step.transition() != null) {
				transitions.add(Transition.of(rule, record.carId(), step));
			}
		}
		return new Evaluation(new CarAlerts(offset, at, states), transitions, failures, false);
	}

	/**
	 * The silent-vehicle rules for a car on the wall-clock tick.
	 */
	public Evaluation tick(String carId, CarAlerts previous, long now) {
		if (previous.lastOffset() < 0) {
			return new Evaluation(previous, List.of(), List.of(), false);
		}
		Map<String, RuleState> states = new HashMap<>(previous.rules());
		List<Transition> transitions = new ArrayList<>();
		for (Rule rule : this.rules) {
			if (rule.kind() == RuleKind.NO_DATA) {
				Step step = EpisodeMachine.silence(carId, rule.id(), rule.forDuration(), rule.cooldown(),
						previous.rule(rule.id()), previous.lastEventTime(), now);
				put(states, rule.id(), step.state());
				if (step.transition() != null) {
					transitions.add(Transition.of(rule, carId, step));
				}
			}
		}
		CarAlerts next = transitions.isEmpty() ? previous
				: new CarAlerts(previous.lastOffset(), previous.lastEventTime(), states);
		return new Evaluation(next, transitions, List.of(), false);
	}

	private static void put(Map<String, RuleState> states, String ruleId, RuleState state) {
		if (state.equals(RuleState.INITIAL)) {
			states.remove(ruleId);
		}
		else {
			states.put(ruleId, state);
		}
	}

	/**
	 * @param next the car's new state
	 * @param transitions the episodes that fired or resolved, in rule order
	 * @param failures the rules that could not be evaluated
	 * @param replayed the record was evaluated before
	 */
	public record Evaluation(CarAlerts next, List<Transition> transitions, List<RuleFailure> failures,
			boolean replayed) {

	}

	/** A rule that threw for this car, with why. */
	public record RuleFailure(String ruleId, String detail) {

	}

}
