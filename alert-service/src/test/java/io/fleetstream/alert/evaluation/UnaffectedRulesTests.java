package io.fleetstream.alert.evaluation;

import java.util.List;
import java.util.Map;

import io.fleetstream.alert.rules.Rule;
import io.fleetstream.alert.rules.RuleCompiler;
import io.fleetstream.alert.rules.RuleSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule whose paths a record did not change keeps the condition value remembered for the
 * car instead of being evaluated; its episode still advances with the record's event
 * time. Each test gives a record whose state disagrees with the remembered value, so
 * whether the condition was evaluated shows in the outcome.
 */
class UnaffectedRulesTests {

	private static final String CAR = "car-1";

	private static Rule rule(String id, String condition, String forDuration) {
		return new RuleCompiler()
			.compile(Map.of(id,
					new RuleSettings(true, "condition", null, condition, forDuration, "0s", "warning", null, null,
							List.of(), Map.of())))
			.get(0);
	}

	private static EnrichedState record(long time, Map<String, Object> signals, List<String> changed) {
		return new EnrichedState(CAR, time, signals, Map.of("alarm", 0L), Map.of(), changed);
	}

	private final CarEvaluator alarm = new CarEvaluator(List.of(rule("alarm", "state.flag('alarm', false)", "0s")));

	@Test
	void aRuleWhosePathsDidNotChangeKeepsItsRememberedValueUnevaluated() {
		CarEvaluator.Evaluation first = this.alarm.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(1000, Map.of("alarm", true), List.of("alarm")), 1);
		assertThat(first.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.FIRING);
		// the state now says false, but the record changed only gps.lat: not evaluated,
		// still holding, so the episode does not resolve
		CarEvaluator.Evaluation second = this.alarm.evaluate(first.next(), first.conditions(),
				record(2000, Map.of("alarm", false), List.of("gps.lat")), 2);
		assertThat(second.transitions()).isEmpty();
		assertThat(second.next().rule("alarm").status()).isEqualTo(RuleStatus.FIRING);
		assertThat(second.next().lastOffset()).isEqualTo(2);
		assertThat(second.next().lastEventTime()).isEqualTo(2000);
		assertThat(second.conditions()).isEqualTo(first.conditions());
	}

	@Test
	void aRuleWhosePathChangedIsEvaluated() {
		CarEvaluator.Evaluation first = this.alarm.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(1000, Map.of("alarm", true), List.of("alarm")), 1);
		CarEvaluator.Evaluation second = this.alarm.evaluate(first.next(), first.conditions(),
				record(2000, Map.of("alarm", false), List.of("gps.lat", "alarm")), 2);
		assertThat(second.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.RESOLVED);
	}

	@Test
	void withNothingRememberedAfterAnAssignmentEveryRuleIsEvaluated() {
		CarEvaluator.Evaluation first = this.alarm.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(1000, Map.of("alarm", true), List.of("alarm")), 1);
		// a new owner of the partition loads the car's state from Redis, but no
		// condition values: the record's unchanged alarm=false is evaluated
		CarEvaluator.Evaluation afterAssignment = this.alarm.evaluate(first.next(), KnownConditions.NONE,
				record(2000, Map.of("alarm", false), List.of("gps.lat")), 2);
		assertThat(afterAssignment.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.RESOLVED);
	}

	@Test
	void aRecordThatDoesNotListItsChangesEvaluatesEveryRule() {
		CarEvaluator.Evaluation first = this.alarm.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(1000, Map.of("alarm", true), List.of("alarm")), 1);
		CarEvaluator.Evaluation second = this.alarm.evaluate(first.next(), first.conditions(),
				record(2000, Map.of("alarm", false), null), 2);
		assertThat(second.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.RESOLVED);
	}

	@Test
	void aChangeUnderAPrefixTheConditionReadsReEvaluatesIt() {
		CarEvaluator tyres = new CarEvaluator(
				List.of(rule("tyre", "state.minNum('tires.pressureKpa.', 1000.0) < 180.0", "0s")));
		CarEvaluator.Evaluation first = tyres.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(1000, Map.of("tires.pressureKpa.frontLeft", 230L), List.of("tires.pressureKpa.frontLeft")), 1);
		assertThat(first.transitions()).isEmpty();
		CarEvaluator.Evaluation unrelated = tyres.evaluate(first.next(), first.conditions(),
				record(2000, Map.of("tires.pressureKpa.frontLeft", 150L), List.of("tiresX")), 2);
		assertThat(unrelated.transitions()).isEmpty();
		CarEvaluator.Evaluation underPrefix = tyres.evaluate(unrelated.next(), unrelated.conditions(),
				record(3000, Map.of("tires.pressureKpa.frontLeft", 150L), List.of("tires.pressureKpa.frontLeft")), 3);
		assertThat(underPrefix.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.FIRING);
	}

	@Test
	void aConditionOnThePathsAgeIsEvaluatedOnEveryRecord() {
		// age() moves with the evaluated event time: nothing changed, yet it now holds
		CarEvaluator stale = new CarEvaluator(List.of(rule("stale", "state.age('alarm') > duration('5s')", "0s")));
		CarEvaluator.Evaluation first = stale.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(1000, Map.of("alarm", true), List.of("alarm")), 1);
		assertThat(first.transitions()).isEmpty();
		CarEvaluator.Evaluation later = stale.evaluate(first.next(), first.conditions(),
				record(10_000, Map.of("alarm", true), List.of()), 2);
		assertThat(later.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.FIRING);
	}

	@Test
	void aPendingRuleFiresOnAnUnrelatedRecordOnceForHasElapsed() {
		CarEvaluator held = new CarEvaluator(List.of(rule("held", "state.flag('alarm', false)", "2m")));
		CarEvaluator.Evaluation pending = held.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(0, Map.of("alarm", true), List.of("alarm")), 1);
		assertThat(pending.next().rule("held").status()).isEqualTo(RuleStatus.PENDING);
		CarEvaluator.Evaluation short1s = held.evaluate(pending.next(), pending.conditions(),
				record(119_000, Map.of("alarm", true), List.of("gps.lat")), 2);
		assertThat(short1s.transitions()).isEmpty();
		CarEvaluator.Evaluation elapsed = held.evaluate(short1s.next(), short1s.conditions(),
				record(120_000, Map.of("alarm", true), List.of("gps.lat")), 3);
		assertThat(elapsed.transitions()).singleElement().satisfies((transition) -> {
			assertThat(transition.kind()).isEqualTo(TransitionKind.FIRING);
			assertThat(transition.startedAt()).isZero();
			assertThat(transition.at()).isEqualTo(120_000);
		});
	}

	@Test
	void aConditionThatFailedIsEvaluatedAgainOnTheNextRecord() {
		// state['alarm'] of a state without it is an evaluation error
		CarEvaluator strict = new CarEvaluator(List.of(rule("strict", "state['alarm'] == true", "0s")));
		CarEvaluator.Evaluation failed = strict.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(1000, Map.of(), List.of("alarm")), 1);
		assertThat(failed.failures()).extracting(CarEvaluator.RuleFailure::ruleId).containsExactly("strict");
		CarEvaluator.Evaluation next = strict.evaluate(failed.next(), failed.conditions(),
				record(2000, Map.of("alarm", true), List.of("gps.lat")), 2);
		assertThat(next.failures()).isEmpty();
		assertThat(next.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.FIRING);
	}

	@Test
	void aReplayedRecordChangesNeitherTheStateNorTheRememberedValues() {
		CarEvaluator.Evaluation first = this.alarm.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				record(1000, Map.of("alarm", true), List.of("alarm")), 5);
		CarEvaluator.Evaluation replay = this.alarm.evaluate(first.next(), first.conditions(),
				record(1000, Map.of("alarm", false), List.of("alarm")), 5);
		assertThat(replay.replayed()).isTrue();
		assertThat(replay.conditions()).isEqualTo(first.conditions());
		assertThat(replay.next()).isEqualTo(first.next());
	}

}
