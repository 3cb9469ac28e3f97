package io.fleetstream.alert.evaluation;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One {@code cars.enriched.json} record (docs/enriched-message.md): a car's full
 * up-to-date state after one event.
 *
 * @param carId the car (the record key)
 * @param eventTime epoch ms event time of the update
 * @param signals every signal's latest value by flattened path ({@code state})
 * @param signalTimes each path's event time ({@code stateTimes}); empty when no rule
 * reads them
 * @param reference the car's snapshot attributes
 * @param changed the paths this update changed ({@code changed}), or {@code null} when
 * the record does not say (then any path may have changed)
 */
public record EnrichedState(String carId, long eventTime, Map<String, Object> signals, Map<String, Long> signalTimes,
		Map<String, Object> reference, @Nullable List<String> changed) {

	/** A state whose changed paths are not known. */
	public EnrichedState(String carId, long eventTime, Map<String, Object> signals, Map<String, Long> signalTimes,
			Map<String, Object> reference) {
		this(carId, eventTime, signals, signalTimes, reference, null);
	}

}
