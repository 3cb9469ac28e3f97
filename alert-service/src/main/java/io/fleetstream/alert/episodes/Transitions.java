package io.fleetstream.alert.episodes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fleetstream.alert.delivery.AlertNotification;
import io.fleetstream.alert.evaluation.EnrichedState;
import io.fleetstream.alert.evaluation.EpisodeIds;
import io.fleetstream.alert.evaluation.Transition;
import io.fleetstream.alert.evaluation.TransitionKind;
import io.fleetstream.alert.rules.Rule;
import io.fleetstream.alert.silences.Silence;
import io.fleetstream.alert.silences.SilenceStore;
import org.jspecify.annotations.Nullable;

/**
 * Turns an evaluated transition into what is recorded, published and e-mailed.
 */
final class Transitions {

	private final List<String> defaultTargets;

	private final List<String> operationsTargets;

	/**
	 * @param defaultTargets the SNS topics of rules without targets
	 * ({@code fleet.alert.sns.topic-arn})
	 * @param operationsTargets the SNS topics of schema-change rules without targets
	 * ({@code fleet.alert.sns.operations-topic-arn}, else the default topic)
	 */
	Transitions(List<String> defaultTargets, List<String> operationsTargets) {
		this.defaultTargets = defaultTargets;
		this.operationsTargets = operationsTargets;
	}

	/**
	 * @param transition what fired or resolved
	 * @param record the car's state that caused it, or {@code null} (the wall-clock tick)
	 * @param source the record's {@code topic/partition/offset}, else {@code null}
	 * @param silences the current silences
	 * @param now the wall clock (silences are in wall-clock time)
	 */
	OutboxEntry entry(Transition transition, @Nullable EnrichedState record, @Nullable String source,
			List<Silence> silences, Instant now) {
		Rule rule = transition.rule();
		Map<String, Object> signals = (record != null) ? record.signals() : Map.of();
		Optional<Silence> silence = SilenceStore.muting(silences, transition.carId(), rule.id(), now);
		AlertEvent event = new AlertEvent(transition.episodeId(), rule.id(), rule.severity().name(),
				transition.kind().name(), transition.carId(), transition.at(), transition.startedAt(),
				rule.description(), named(rule, signals), silence.isPresent(), silence.map(Silence::id).orElse(null),
				source, null);
		Map<String, Object> values = templateValues(event, signals, (record != null) ? record.reference() : Map.of());
		if (record == null) {
			values.put("signal.lastSeen", Instant.ofEpochMilli(transition.startedAt()).toString());
		}
		return new OutboxEntry(event,
				silence.isPresent() ? null : notification(event, rule, values, this.defaultTargets), false);
	}

	/**
	 * A schema change as one transition of a {@code schema-change} rule: FIRING only (it
	 * never resolves), concerning no car, its episode id derived from the event's own id
	 * and time, so a replayed or re-sent event is the same episode and the same
	 * notification.
	 * @param rule a {@code schema-change} rule
	 * @param change the event
	 * @param source the record's {@code topic/partition/offset}
	 * @param silences the current silences (only a silence of the rule, without a car,
	 * matches)
	 * @param now the wall clock
	 */
	OutboxEntry schemaChange(Rule rule, SchemaChangeEvent change, String source, List<Silence> silences, Instant now) {
		String episodeId = EpisodeIds.of(change.id(), rule.id(), change.firstSeen());
		Optional<Silence> silence = SilenceStore.muting(silences, null, rule.id(), now);
		Map<String, Object> changeValues = change.values();
		AlertEvent event = new AlertEvent(episodeId, rule.id(), rule.severity().name(), TransitionKind.FIRING.name(),
				null, change.firstSeen(), change.firstSeen(), rule.description(), changeValues, silence.isPresent(),
				silence.map(Silence::id).orElse(null), source, null);
		Map<String, Object> values = templateValues(event, Map.of(), Map.of());
		changeValues.forEach((name, value) -> values.put("change." + name, value));
		values.put("change.firstSeen", Instant.ofEpochMilli(change.firstSeen()).toString());
		values.put("change.summary", change.summary());
		return new OutboxEntry(event,
				silence.isPresent() ? null : notification(event, rule, values, this.operationsTargets), false);
	}

	private static AlertNotification notification(AlertEvent event, Rule rule, Map<String, Object> values,
			List<String> fallbackTargets) {
		List<String> targets = rule.targets().isEmpty() ? fallbackTargets : rule.targets();
		return new AlertNotification(event.episodeId(), event.state(), event.carId(), event.ruleId(), event.severity(),
				event.eventTime(), rule.subject(), rule.message(), values, targets);
	}

	static Map<String, Object> templateValues(AlertEvent event, Map<String, Object> signals,
			Map<String, Object> reference) {
		Map<String, Object> values = new LinkedHashMap<>();
		if (event.carId() != null) {
			values.put("carId", event.carId());
		}
		values.put("rule", event.ruleId());
		values.put("description", event.description());
		values.put("severity", event.severity());
		values.put("state", event.state());
		values.put("eventTime", Instant.ofEpochMilli(event.eventTime()).toString());
		values.put("episodeId", event.episodeId());
		signals.forEach((path, value) -> values.put("signal." + path, value));
		reference.forEach((column, value) -> values.put("ref." + column, value));
		return values;
	}

	/** The signals the rule's condition names (a path, or every path under a prefix). */
	private static Map<String, Object> named(Rule rule, Map<String, Object> signals) {
		Map<String, Object> named = new LinkedHashMap<>();
		for (String path : rule.paths()) {
			if (signals.containsKey(path)) {
				named.put(path, signals.get(path));
			}
			else if (path.endsWith(".")) {
				signals.forEach((key, value) -> {
					if (key.startsWith(path)) {
						named.put(key, value);
					}
				});
			}
		}
		return named;
	}

}
