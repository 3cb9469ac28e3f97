package io.fleetstream.alert.rules;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Start-up validation: every invalid rule is refused with its id and the problem; the
 * expression language reaches only the declared variables and helpers.
 */
class RuleCompilerTests {

	private final RuleCompiler compiler = new RuleCompiler();

	@Test
	void everyShippedRuleCompiles() {
		assertThat(ShippedRules.rules().all()).extracting(Rule::id)
			.containsExactlyInAnyOrder("headlights-left-on", "low-battery-voltage", "low-battery-charge",
					"crash-detected", "engine-overheating", "low-tyre-pressure", "overspeed", "vehicle-silent",
					"schema-change");
	}

	@Test
	void aSchemaChangeRuleHasNoForNoCooldownAndNoCondition() {
		RuleSettings withFor = new RuleSettings(true, "schema-change", null, "true", "1m", "10m", "info", null, null,
				List.of(), Map.of());
		assertThat(problems(Map.of("ops", withFor))).containsExactlyInAnyOrder(
				"rule 'ops': a schema-change rule has no condition",
				"rule 'ops': a schema-change rule notifies every event: it has no 'for' and no 'cooldown'");
	}

	@Test
	void conditionThatDoesNotParseIsRefusedNamingTheRule() {
		assertThat(problems(Map.of("broken", condition("state.num('x', 1.0) <")))).singleElement()
			.asString()
			.startsWith("rule 'broken': condition does not compile");
	}

	@Test
	void javaClassNamesAreNotReachable() {
		assertThat(problems(Map.of("evil", condition("java.lang.Runtime.getRuntime() != null")))).singleElement()
			.asString()
			.contains("rule 'evil'")
			.contains("undeclared reference to 'java'");
	}

	@Test
	void undeclaredFunctionsAreRefused() {
		assertThat(problems(Map.of("evil", condition("exec('rm -rf /') == ''")))).singleElement()
			.asString()
			.contains("rule 'evil'")
			.contains("undeclared reference to 'exec'");
	}

	@Test
	void protobufTypesCannotBeConstructed() {
		assertThat(problems(Map.of("proto", condition("google.protobuf.Duration{seconds: 1} != null")))).singleElement()
			.asString()
			.contains("rule 'proto'");
	}

	@Test
	void aHelperWithTheWrongArgumentsIsRefused() {
		assertThat(problems(Map.of("helper", condition("state.num('battery.voltage') < 11.8")))).singleElement()
			.asString()
			.contains("rule 'helper'")
			.contains("no matching overload for 'num'");
	}

	@Test
	void aConditionThatIsNotBooleanIsRefused() {
		assertThat(problems(Map.of("number", condition("state.num('x', 1.0) + 1.0")))).singleElement()
			.asString()
			.contains("rule 'number'");
	}

	@Test
	void badDurationsAreRefusedNamingTheRuleAndTheValue() {
		RuleSettings settings = new RuleSettings(true, "condition", null, "true", "two minutes", "-5m", "warning", null,
				null, List.of(), Map.of());
		assertThat(problems(Map.of("slow", settings))).containsExactly(
				"rule 'slow': 'for' is not a duration (e.g. 30s, 2m, PT10M): 'two minutes'",
				"rule 'slow': 'cooldown' must not be negative, was '-5m'");
	}

	@Test
	void aBadDurationLiteralInTheConditionIsRefused() {
		assertThat(problems(Map.of("age", condition("state.age('gps.lat') > duration('10 minutes')")))).containsExactly(
				"rule 'age': condition has a bad duration '10 minutes' (CEL durations: e.g. 90s, 2m, 1h30m)");
	}

	@Test
	void unknownParamsKindsSeveritiesAndPlaceholdersAreRefused() {
		RuleSettings settings = new RuleSettings(true, "sometimes", null, "state.num('x', 0.0) > params.limit", "0s",
				"0s", "urgent", "{{carid}}", "Body {{signal.x", List.of("not-an-arn"), Map.of());
		assertThat(problems(Map.of("many", settings))).hasSize(6)
			.allSatisfy((problem) -> assertThat(problem).startsWith("rule 'many': "))
			.anySatisfy((problem) -> assertThat(problem).contains("unknown kind 'sometimes'"))
			.anySatisfy((problem) -> assertThat(problem).contains("unknown severity 'urgent'"))
			.anySatisfy((problem) -> assertThat(problem).contains("unknown placeholder 'carid'"))
			.anySatisfy((problem) -> assertThat(problem).contains("unclosed '{{' at line 1, column 6"))
			.anySatisfy((problem) -> assertThat(problem).contains("target 'not-an-arn'"));
	}

	@Test
	void everyInvalidRuleIsReportedAtOnce() {
		assertThat(problems(Map.of("a", condition("nope()"), "b", condition("state.num('x', 1.0) > 0.0"), "c",
				condition("also_nope()"))))
			.hasSize(2)
			.anySatisfy((problem) -> assertThat(problem).startsWith("rule 'a'"))
			.anySatisfy((problem) -> assertThat(problem).startsWith("rule 'c'"));
	}

	@Test
	void disabledRulesAreValidatedButNotActive() {
		RuleSettings off = new RuleSettings(false, "condition", null, "true", "0s", "0s", "info", null, null, List.of(),
				Map.of());
		assertThat(this.compiler.compile(Map.of("off", off, "on", condition("true")))).extracting(Rule::id)
			.containsExactly("on");
		RuleSettings offAndBroken = new RuleSettings(false, "condition", null, "broken(", "0s", "0s", "info", null,
				null, List.of(), Map.of());
		assertThat(problems(Map.of("off", offAndBroken))).hasSize(1);
	}

	@Test
	void aMissingPathReadWithBracketsIsAnEvaluationErrorNamingTheRule() {
		Rule rule = this.compiler.compile(Map.of("strict", condition("state['engine.on'] == false"))).get(0);
		assertThatExceptionOfType(RuleEvaluationException.class)
			.isThrownBy(() -> rule.matches(new SignalView(Map.of(), Map.of(), 0)))
			.withMessageStartingWith("Rule 'strict': ");
		assertThat(rule.matches(new SignalView(Map.of("engine.on", false), Map.of(), 0))).isTrue();
	}

	@Test
	void helpersReadTypedValuesWithDefaults() {
		Rule rule = this.compiler
			.compile(Map.of("helpers",
					condition("state.num('a', 0.0) == 2.0 && state.str('b', 'none') == 'none'"
							+ " && state.flag('c', false) && state.present('a') && !state.present('b')"
							+ " && state.minNum('t.', 999.0) == 170.0 && state.anyStr('d.', 'OPEN')"
							+ " && state.age('a') == duration('90s') && state.age('zzz') > duration('87600h')")))
			.get(0);
		Map<String, Object> signals = Map.of("a", 2, "c", true, "t.fl", 230, "t.fr", 170.0, "d.x", "CLOSED", "d.y",
				"OPEN");
		assertThat(rule.matches(new SignalView(signals, Map.of("a", 10_000L), 100_000))).isTrue();
	}

	private List<String> problems(Map<String, RuleSettings> settings) {
		try {
			this.compiler.compile(settings);
			return List.of();
		}
		catch (InvalidRuleException ex) {
			assertThat(ex.getMessage()).contains(ex.problems());
			return ex.problems();
		}
	}

	static RuleSettings condition(String condition) {
		return new RuleSettings(true, "condition", null, condition, "0s", "0s", "warning", null, null, List.of(),
				Map.of());
	}

}
