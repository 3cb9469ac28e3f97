package io.fleetstream.alert.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.rules.Rule;

/**
 * Drives one car through a sequence of states, as the loader does (one offset per
 * record), and keeps every transition and rule failure.
 */
final class CarTimeline {

	static final long T0 = 1_764_584_130_000L;

	private final CarEvaluator evaluator;

	private final String carId;

	private final Map<String, Object> signals = new HashMap<>();

	private final Map<String, Long> times = new HashMap<>();

	final List<Transition> transitions = new ArrayList<>();

	final List<CarEvaluator.RuleFailure> failures = new ArrayList<>();

	CarAlerts state = CarAlerts.NONE;

	private long offset;

	CarTimeline(String carId, List<Rule> rules) {
		this.carId = carId;
		this.evaluator = new CarEvaluator(rules);
	}

	/** Applies an update at T0 + seconds: the given signals change, the rest stay. */
	CarTimeline at(long seconds, Object... pathsAndValues) {
		long time = T0 + seconds * 1000;
		for (int i = 0; i < pathsAndValues.length; i += 2) {
			this.signals.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
			this.times.put((String) pathsAndValues[i], time);
		}
		CarEvaluator.Evaluation evaluation = this.evaluator.evaluate(this.state,
				new EnrichedState(this.carId, time, Map.copyOf(this.signals), Map.copyOf(this.times), Map.of()),
				this.offset++);
		apply(evaluation);
		return this;
	}

	/** The wall-clock tick at T0 + seconds. */
	CarTimeline tick(long seconds) {
		apply(this.evaluator.tick(this.carId, this.state, T0 + seconds * 1000));
		return this;
	}

	private void apply(CarEvaluator.Evaluation evaluation) {
		this.state = evaluation.next();
		this.transitions.addAll(evaluation.transitions());
		this.failures.addAll(evaluation.failures());
	}

	/** Transitions as {@code rule KIND @seconds}. */
	List<String> log() {
		return this.transitions.stream()
			.map((t) -> t.rule().id() + " " + t.kind() + " @" + (t.at() - T0) / 1000)
			.toList();
	}

}
