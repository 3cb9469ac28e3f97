package io.fleetstream.alert.evaluation;

import java.util.Map;

/**
 * One {@code cars.enriched.json} record (docs/enriched-message.md): a car's full
 * up-to-date state after one event.
 *
 * @param carId the car (the record key)
 * @param eventTime epoch ms event time of the update
 * @param signals every signal's latest value by flattened path ({@code state})
 * @param signalTimes each path's event time ({@code stateTimes})
 * @param reference the car's snapshot attributes
 */
public record EnrichedState(String carId, long eventTime, Map<String, Object> signals, Map<String, Long> signalTimes,
		Map<String, Object> reference) {

}
