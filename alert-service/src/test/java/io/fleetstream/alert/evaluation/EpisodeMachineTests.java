package io.fleetstream.alert.evaluation;

import java.util.List;
import java.util.Map;

import io.fleetstream.alert.rules.Rule;
import io.fleetstream.alert.rules.RuleCompiler;
import io.fleetstream.alert.rules.RuleSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code for} and {@code cooldown} at their boundaries, in event time; flapping; episode
 * ids; replays.
 */
class EpisodeMachineTests {

	/** A rule on one flag, for 2 minutes, cooldown 5 minutes. */
	private static List<Rule> flagRule(String forDuration, String cooldown) {
		return new RuleCompiler().compile(Map.of("flag", new RuleSettings(true, "condition", null,
				"state.flag('alarm', false)", forDuration, cooldown, "warning", null, null, List.of(), Map.of())));
	}

	@ParameterizedTest(name = "held {0} s of 120 s: fires {1}")
	@CsvSource({ "119, false", "120, true", "121, true" })
	void firesOnceTheConditionHeldForFor(long heldSeconds, boolean fires) {
		CarTimeline car = new CarTimeline("car-1", flagRule("2m", "0s")).at(0, "alarm", true).at(heldSeconds);
		assertThat(car.log()).isEqualTo(fires ? List.of("flag FIRING @" + heldSeconds) : List.of());
	}

	@ParameterizedTest(name = "again {0} s after resolving, cooldown 300 s: fires {1}")
	@CsvSource({ "299, false", "300, true", "301, true" })
	void aNewEpisodeWaitsForTheCooldownAfterTheLastResolution(long afterSeconds, boolean fires) {
		CarTimeline car = new CarTimeline("car-1", flagRule("0s", "5m")).at(0, "alarm", true)
			.at(10, "alarm", false)
			.at(10 + afterSeconds, "alarm", true);
		List<String> expected = fires
				? List.of("flag FIRING @0", "flag RESOLVED @10", "flag FIRING @" + (10 + afterSeconds))
				: List.of("flag FIRING @0", "flag RESOLVED @10");
		assertThat(car.log()).isEqualTo(expected);
	}

	@Test
	void aConditionStillHoldingWhenTheCooldownEndsFiresThen() {
		CarTimeline car = new CarTimeline("car-1", flagRule("0s", "5m")).at(0, "alarm", true)
			.at(10, "alarm", false)
			.at(100, "alarm", true)
			.at(309)
			.at(310);
		assertThat(car.log()).containsExactly("flag FIRING @0", "flag RESOLVED @10", "flag FIRING @310");
		assertThat(car.transitions.get(2).episodeId()).isEqualTo("car-1~flag~" + (CarTimeline.T0 + 100_000));
	}

	@Test
	void flappingFasterThanForNeverFires() {
		CarTimeline car = new CarTimeline("car-1", flagRule("2m", "0s"));
		for (int second = 0; second < 3600; second += 60) {
			car.at(second, "alarm", true).at(second + 59, "alarm", false);
		}
		assertThat(car.log()).isEmpty();
		assertThat(car.state.rule("flag").status()).isEqualTo(RuleStatus.INACTIVE);
	}

	@Test
	void oneNotificationAtFireAndOneAtResolveWithTheSameDeterministicEpisodeId() {
		CarTimeline car = new CarTimeline("car-1", flagRule("1m", "0s")).at(0, "alarm", true)
			.at(60)
			.at(70)
			.at(80)
			.at(90, "alarm", false)
			.at(100, "alarm", false);
		assertThat(car.log()).containsExactly("flag FIRING @60", "flag RESOLVED @90");
		assertThat(car.transitions).extracting(Transition::episodeId)
			.containsOnly("car-1~flag~" + CarTimeline.T0)
			.hasSize(2);
		assertThat(car.transitions).extracting(Transition::startedAt).containsOnly(CarTimeline.T0);
	}

	@Test
	void aCarIdThatIsNotPlainIsHashedInTheEpisodeId() {
		String id = EpisodeIds.of("car 1/../<b>", "flag", 5);
		assertThat(id).matches("x[0-9a-f]{24}~flag~5").matches(EpisodeIds.FORMAT);
		assertThat(EpisodeIds.of("car 1/../<b>", "flag", 5)).isEqualTo(id);
		assertThat(EpisodeIds.of("car-00042", "flag", 5)).isEqualTo("car-00042~flag~5").matches(EpisodeIds.FORMAT);
	}

	@Test
	void aReplayedRecordChangesNothing() {
		CarEvaluator evaluator = new CarEvaluator(flagRule("0s", "0s"));
		EnrichedState alarm = new EnrichedState("car-1", 1000, Map.of("alarm", true), Map.of(), Map.of());
		CarEvaluator.Evaluation first = evaluator.evaluate(CarAlerts.NONE, alarm, 7);
		assertThat(first.transitions()).hasSize(1);
		CarEvaluator.Evaluation replay = evaluator.evaluate(first.next(), alarm, 7);
		assertThat(replay.replayed()).isTrue();
		assertThat(replay.transitions()).isEmpty();
		assertThat(replay.next()).isEqualTo(first.next());
	}

	@Test
	void aRuleThatThrowsDoesNotStopTheOthersAndIsReported() {
		List<Rule> rules = new RuleCompiler().compile(Map.of("a-strict",
				new RuleSettings(true, "condition", null, "state['missing.path'] == 1", "0s", "0s", "warning", null,
						null, List.of(), Map.of()),
				"b-flag", new RuleSettings(true, "condition", null, "state.flag('alarm', false)", "0s", "0s", "warning",
						null, null, List.of(), Map.of())));
		CarTimeline car = new CarTimeline("car-1", rules).at(0, "alarm", true).at(10, "alarm", false);
		assertThat(car.log()).containsExactly("b-flag FIRING @0", "b-flag RESOLVED @10");
		assertThat(car.failures).hasSize(2).allSatisfy((failure) -> assertThat(failure.ruleId()).isEqualTo("a-strict"));
	}

	@Test
	void olderEventTimesAreEvaluatedAtTheNewestTimeSeenSoTimeNeverRunsBackwards() {
		CarTimeline car = new CarTimeline("car-1", flagRule("2m", "0s")).at(0, "alarm", true).at(100).at(30).at(120);
		assertThat(car.log()).containsExactly("flag FIRING @120");
	}

}
