package io.fleetstream.alert.evaluation;

import java.time.Duration;

/**
 * The per-(car, rule) state machine, a pure function of (previous state, whether the
 * condition holds, event time): pending while the condition has held for less than
 * {@code for}, FIRING once it has held for {@code for} (at or after) and the previous
 * episode resolved at least {@code cooldown} earlier, RESOLVED (back to inactive) on the
 * first evaluation where it does not hold. A pending condition that stops holding leaves
 * nothing behind, so flapping faster than {@code for} never fires.
 */
public final class EpisodeMachine {

	private EpisodeMachine() {
	}

	/**
	 * @param carId the car
	 * @param ruleId the rule
	 * @param forDuration how long the condition must hold
	 * @param cooldown the least time from the previous resolution to a firing
	 * @param previous the rule's state for the car
	 * @param holds whether the condition holds at {@code at}
	 * @param at the evaluated event time (epoch ms)
	 */
	public static Step evaluate(String carId, String ruleId, Duration forDuration, Duration cooldown,
			RuleState previous, boolean holds, long at) {
		if (!holds) {
			return switch (previous.status()) {
				case FIRING -> new Step(new RuleState(RuleStatus.INACTIVE, 0, null, at), TransitionKind.RESOLVED,
						previous.episodeId(), previous.since(), at);
				case PENDING -> Step.quiet(new RuleState(RuleStatus.INACTIVE, 0, null, previous.resolvedAt()));
				case INACTIVE -> Step.quiet(previous);
			};
		}
		if (previous.status() == RuleStatus.FIRING) {
			return Step.quiet(previous);
		}
		long since = (previous.status() == RuleStatus.PENDING) ? previous.since() : at;
		boolean heldLongEnough = at - since >= forDuration.toMillis();
		boolean cooledDown = previous.resolvedAt() == 0 || at - previous.resolvedAt() >= cooldown.toMillis();
		if (heldLongEnough && cooledDown) {
			String episodeId = EpisodeIds.of(carId, ruleId, since);
			return new Step(new RuleState(RuleStatus.FIRING, since, episodeId, previous.resolvedAt()),
					TransitionKind.FIRING, episodeId, since, at);
		}
		return Step.quiet(new RuleState(RuleStatus.PENDING, since, null, previous.resolvedAt()));
	}

	/**
	 * The silent-vehicle rule on a tick: the car has sent nothing since
	 * {@code lastEventTime}; the episode fires once {@code now} is {@code for} past it
	 * (and the cooldown past the previous resolution), with that deterministic event time
	 * rather than {@code now}, so a repeated tick or another instance yields the same
	 * episode.
	 */
	public static Step silence(String carId, String ruleId, Duration forDuration, Duration cooldown, RuleState previous,
			long lastEventTime, long now) {
		if (previous.status() == RuleStatus.FIRING || now - lastEventTime < forDuration.toMillis()) {
			return Step.quiet(previous);
		}
		long at = lastEventTime + forDuration.toMillis();
		if (previous.resolvedAt() != 0) {
			at = Math.max(at, previous.resolvedAt() + cooldown.toMillis());
		}
		if (now < at) {
			return Step.quiet(previous);
		}
		String episodeId = EpisodeIds.of(carId, ruleId, lastEventTime);
		return new Step(new RuleState(RuleStatus.FIRING, lastEventTime, episodeId, previous.resolvedAt()),
				TransitionKind.FIRING, episodeId, lastEventTime, at);
	}

}
