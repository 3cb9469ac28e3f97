package io.fleetstream.alert.evaluation;

import java.util.Map;

/**
 * Everything alert-service remembers of one car: how far its records were evaluated and
 * each rule's state. Stored in Redis per partition and loaded in bulk on assignment, so a
 * replayed record ({@code offset <= lastOffset}) is recognised and skipped, and a pending
 * episode survives a restart or a rebalance.
 *
 * @param lastOffset the offset of the newest evaluated record on the car's partition of
 * {@code cars.enriched.json} ({@code -1}: none)
 * @param lastEventTime epoch ms of the newest event time seen (the silent-vehicle rule's
 * reference)
 * @param rules each rule's state by rule id (absent: inactive)
 */
public record CarAlerts(long lastOffset, long lastEventTime, Map<String, RuleState> rules) {

	public static final CarAlerts NONE = new CarAlerts(-1, 0, Map.of());

	public CarAlerts {
		rules = Map.copyOf(rules);
	}

	/** How many of the car's rules are pending (holding, not yet fired). */
	public long pendingCount() {
		return this.rules.values().stream().filter((state) -> state.status() == RuleStatus.PENDING).count();
	}

	public RuleState rule(String ruleId) {
		return this.rules.getOrDefault(ruleId, RuleState.INITIAL);
	}

}
