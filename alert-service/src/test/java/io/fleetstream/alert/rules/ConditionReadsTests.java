package io.fleetstream.alert.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a compiled condition reads, found in its expression: literal paths and prefixes;
 * anything else makes it evaluated on every record.
 */
class ConditionReadsTests {

	private static ConditionReads reads(String condition) {
		return new RuleCompiler()
			.compile(Map.of("r",
					new RuleSettings(true, "condition", null, condition, "0s", "0s", "warning", null, null, List.of(),
							Map.of("limit", "1"))))
			.get(0)
			.reads();
	}

	@Test
	void theShippedRulesReadOnlyLiteralPaths() {
		ConditionReads headlights = ShippedRules.rule("headlights-left-on").reads();
		assertThat(headlights.always()).isFalse();
		assertThat(headlights.paths()).containsExactlyInAnyOrder("engine.on", "body.lights.headlights");
		assertThat(headlights.prefixes()).containsExactly("body.doors.");
		assertThat(ShippedRules.rule("overspeed").reads().paths()).containsExactlyInAnyOrder("speedKmh",
				"gps.speedKmh");
		assertThat(ShippedRules.rule("low-tyre-pressure").reads().prefixes()).containsExactly("tires.pressureKpa.");
		assertThat(ShippedRules.rules().all()).allSatisfy((rule) -> {
			assertThat(rule.reads().always()).isEqualTo(rule.kind() != RuleKind.CONDITION);
			assertThat(rule.reads().usesTimes()).isFalse();
		});
	}

	@Test
	void indexingMembershipAndFieldSelectionWithLiteralsAreKnownPaths() {
		ConditionReads reads = reads("'a.b' in state && state['c'] == 1 && state.d == 'x' && state.e == params.limit");
		assertThat(reads.always()).isFalse();
		assertThat(reads.paths()).isEqualTo(Set.of("a.b", "c", "d", "e"));
	}

	@Test
	void aChangedPathMattersOnlyWhenTheConditionReadsItOrAPathUnderItsPrefix() {
		ConditionReads reads = reads("state.num('a', 0.0) > 1.0 || state.anyStr('doors.', 'OPEN')");
		assertThat(reads.affectedBy(List.of("b", "gps.lat"))).isFalse();
		assertThat(reads.affectedBy(List.of())).isFalse();
		assertThat(reads.affectedBy(List.of("b", "a"))).isTrue();
		assertThat(reads.affectedBy(List.of("doors.rear"))).isTrue();
		assertThat(reads.affectedBy(null)).isTrue();
	}

	@Test
	void aPathComputedAtEvaluationTimeMakesTheConditionAlwaysEvaluated() {
		assertThat(reads("state['a' + 'b'] == 1").always()).isTrue();
		assertThat(reads("state.str('a', 'x') in state").always()).isTrue();
		assertThat(reads("state.num(state.str('k', 'a'), 0.0) > 1.0").always()).isTrue();
	}

	@Test
	void stateUsedAsAWholeMakesTheConditionAlwaysEvaluated() {
		assertThat(reads("size(state) > 3").always()).isTrue();
		assertThat(reads("state != params").always()).isTrue();
	}

	@Test
	void theAgeOfAPathMovesWithEventTimeSoItIsAlwaysEvaluatedAndNeedsTheTimes() {
		ConditionReads reads = reads("state.age('engine.on') > duration('5m')");
		assertThat(reads.always()).isTrue();
		assertThat(reads.usesTimes()).isTrue();
	}

}
