package io.fleetstream.alert.episodes;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.evaluation.EnrichedState;
import io.fleetstream.alert.evaluation.EpisodeIds;
import io.fleetstream.alert.evaluation.Transition;
import io.fleetstream.alert.evaluation.TransitionKind;
import io.fleetstream.alert.rules.Rule;
import io.fleetstream.alert.rules.ShippedRules;
import io.fleetstream.alert.silences.Silence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a transition becomes: the outlier event and the notification, for the car rules
 * and for the schema-change rule.
 */
class TransitionsTests {

	private static final String DEFAULT = "arn:aws:sns:eu-west-1:123456789012:fleet-alerts";

	private static final String OPERATIONS = "arn:aws:sns:eu-west-1:123456789012:fleet-operations";

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private final Transitions transitions = new Transitions(List.of(DEFAULT), List.of(OPERATIONS));

	private final Rule schemaRule = ShippedRules.rule("schema-change");

	private final SchemaChangeEvent change = new SchemaChangeEvent("cars.status.json|engine.oil.pressureKpa|number",
			"cars.status.json", "NEW_PATH", "engine.oil.pressureKpa", null, "number", 1764584130123L, 3L, 123456L, null,
			null, null);

	@Test
	void aSchemaChangeIsOneFiringToTheOperationsTopicWithAnIdDerivedFromTheEvent() {
		OutboxEntry entry = this.transitions.schemaChange(this.schemaRule, this.change, "fleet.schema-changes.json/0/7",
				List.of(), NOW);
		OutboxEntry again = this.transitions.schemaChange(this.schemaRule, this.change,
				"fleet.schema-changes.json/1/99", List.of(), NOW.plusSeconds(60));

		String episodeId = EpisodeIds.of(this.change.id(), "schema-change", 1764584130123L);
		assertThat(episodeId).matches(EpisodeIds.FORMAT);
		assertThat(entry.event().episodeId()).isEqualTo(episodeId).isEqualTo(again.event().episodeId());
		assertThat(entry.event().notificationId()).isEqualTo(again.event().notificationId());
		assertThat(entry.event().state()).isEqualTo("FIRING");
		assertThat(entry.event().carId()).isNull();
		assertThat(entry.event().severity()).isEqualTo("INFO");
		assertThat(entry.event().values()).containsEntry("path", "engine.oil.pressureKpa")
			.containsEntry("topic", "cars.status.json");
		assertThat(entry.notification().topicArns()).containsExactly(OPERATIONS);
		assertThat(entry.notification().values())
			.containsEntry("change.summary", "new path engine.oil.pressureKpa (number)")
			.containsEntry("change.firstSeen", "2025-12-01T10:15:30.123Z");
	}

	@Test
	void withoutAnOperationsTopicASchemaChangeGoesToTheDefaultTopic() {
		Transitions defaultOnly = new Transitions(List.of(DEFAULT), List.of(DEFAULT));
		assertThat(defaultOnly.schemaChange(this.schemaRule, this.change, "s/0/1", List.of(), NOW)
			.notification()
			.topicArns()).containsExactly(DEFAULT);
	}

	@Test
	void aSilenceOfTheRuleMutesSchemaChangesButACarSilenceDoesNot() {
		Silence carSilence = new Silence("c", "car-1", null, NOW.minusSeconds(1), NOW.plusSeconds(60), "x", "ops", NOW);
		assertThat(this.transitions.schemaChange(this.schemaRule, this.change, "s/0/1", List.of(carSilence), NOW)
			.notification()).isNotNull();
		Silence ruleSilence = new Silence("r", null, "schema-change", NOW.minusSeconds(1), NOW.plusSeconds(60), "x",
				"ops", NOW);
		OutboxEntry silenced = this.transitions.schemaChange(this.schemaRule, this.change, "s/0/1",
				List.of(ruleSilence), NOW);
		assertThat(silenced.notification()).isNull();
		assertThat(silenced.event().silenced()).isTrue();
		assertThat(silenced.event().silenceId()).isEqualTo("r");
	}

	/**
	 * A device may send null for a signal a condition names (the state keeps it): the
	 * transition carries it as null instead of failing the batch forever.
	 */
	@Test
	void aNullSignalTheRuleNamesIsCarriedAsNull() {
		Rule rule = ShippedRules.rule("crash-detected");
		Map<String, Object> signals = new HashMap<>();
		signals.put("safety.crashDetected", true);
		signals.put("safety.airbagDeployed", null);
		EnrichedState state = new EnrichedState("car-1", 1000, signals, Map.of(), Map.of());
		Transition transition = new Transition(rule, "car-1", TransitionKind.FIRING,
				EpisodeIds.of("car-1", rule.id(), 1000), 1000, 1000);

		OutboxEntry entry = this.transitions.entry(transition, state, "cars.enriched.json/0/1", List.of(), NOW);

		assertThat(entry.event().values()).containsEntry("safety.crashDetected", true)
			.containsEntry("safety.airbagDeployed", null);
		assertThat(entry.notification().topicArns()).containsExactly(DEFAULT);
	}

}
