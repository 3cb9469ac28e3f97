package io.fleetstream.common.pipeline;

/**
 * One accepted record as a loader sees it: the handler's value and where it came from.
 *
 * @param value the typed value
 * @param source the record's coordinates (for deterministic ids and dedupe keys)
 * @param eventTimeMs when the event happened (epoch millis)
 * @param <T> the value type
 */
public record LoadRecord<T>(T value, RecordCoordinates source, long eventTimeMs) {
}
