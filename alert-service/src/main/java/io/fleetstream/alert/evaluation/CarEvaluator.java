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
	 * Evaluates every rule (nothing remembered of the car's conditions).
	 * @see #evaluate(CarAlerts, KnownConditions, EnrichedState, long)
	 */
	public Evaluation evaluate(CarAlerts previous, EnrichedState record, long offset) {
		return evaluate(previous, KnownConditions.NONE, record, offset);
	}

	/**
	 * @param previous the car's state before the record
	 * @param known the car's condition values after its previous record (remembered in
	 * memory): a rule whose value is known and whose paths the record did not change
	 * ({@link EnrichedState#changed()},
	 * {@link io.fleetstream.alert.rules.ConditionReads}) keeps that value without being
	 * evaluated; its episode still advances to the record's event time, so a pending rule
	 * fires once {@code for} has elapsed
	 * @param record the enriched record
	 * @param offset its offset: at or below {@link CarAlerts#lastOffset()} it was
	 * evaluated already (a replay) and changes nothing
	 */
	public Evaluation evaluate(CarAlerts previous, KnownConditions known, EnrichedState record, long offset) {
		if (offset <= previous.lastOffset()) {
			return new Evaluation(previous, known, List.of(), List.of(), true);
		}
		long at = Math.max(record.eventTime(), previous.lastEventTime());
		SignalView view = null;
		Map<String, RuleState> states = null;
		List<Transition> transitions = List.of();
		List<RuleFailure> failures = List.of();
		long knownBits = 0;
		long holdsBits = 0;
		for (int index = 0; index < this.rules.size(); index++) {
			Rule rule = this.rules.get(index);
			boolean holds;
			if (rule.kind() != RuleKind.CONDITION) {
				// a record from a silent car ends its silence
				holds = false;
			}
			else if (known.isKnown(index) && !rule.reads().affectedBy(record.changed())) {
				holds = known.holds(index);
			}
			else {
				try {
					view = (view != null) ? view : new SignalView(record.signals(), record.signalTimes(), at);
					holds = rule.matches(view);
				}
				catch (RuntimeException ex) {
					failures = add(failures, new RuleFailure(rule.id(), ex.getMessage()));
					continue;
				}
			}
			if (index < KnownConditions.CAPACITY) {
				knownBits |= 1L << index;
				holdsBits |= holds ? (1L << index) : 0;
			}
			RuleState before = previous.rule(rule.id());
			Step step = EpisodeMachine.evaluate(record.carId(), rule.id(), rule.forDuration(), rule.cooldown(), before,
					holds, at);
			if (!step.state().equals(before)) {
				states = (states != null) ? states : new HashMap<>(previous.rules());
				put(states, rule.id(), step.state());
			}
			if (step.transition() != null) {
				transitions = add(transitions, Transition.of(rule, record.carId(), step));
			}
		}
		CarAlerts next = new CarAlerts(offset, at, (states != null) ? states : previous.rules());
		return new Evaluation(next, new KnownConditions(knownBits, holdsBits), transitions, failures, false);
	}

	private static <T> List<T> add(List<T> list, T element) {
		List<T> grown = list.isEmpty() ? new ArrayList<>(2) : list;
		grown.add(element);
		return grown;
	}

	/**
	 * The silent-vehicle rules for a car on the wall-clock tick.
	 */
	public Evaluation tick(String carId, CarAlerts previous, long now) {
		if (previous.lastOffset() < 0) {
			return new Evaluation(previous, null, List.of(), List.of(), false);
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
		return new Evaluation(next, null, transitions, List.of(), false);
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
	 * @param conditions the car's condition values after the record, to be remembered
	 * once its state is recorded ({@code null} from a tick, which evaluates no condition)
	 * @param transitions the episodes that fired or resolved, in rule order
	 * @param failures the rules that could not be evaluated
	 * @param replayed the record was evaluated before
	 */
	public record Evaluation(CarAlerts next, KnownConditions conditions, List<Transition> transitions,
			List<RuleFailure> failures, boolean replayed) {

	}

	/** A rule that threw for this car, with why. */
	public record RuleFailure(String ruleId, String detail) {

	}

}
