package io.fleetstream.alert.evaluation;

import org.jspecify.annotations.Nullable;

/**
 * One rule's state for one car, all in event time.
 *
 * @param status where the rule stands
 * @param since epoch ms the condition has held since (pending or firing), else 0
 * @param episodeId the firing episode's id, else {@code null}
 * @param resolvedAt epoch ms the previous episode resolved (for the cooldown), else 0
 */
public record RuleState(RuleStatus status, long since, @Nullable String episodeId, long resolvedAt) {

	public static final RuleState INITIAL = new RuleState(RuleStatus.INACTIVE, 0, null, 0);

}
