package io.fleetstream.enrichment.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.fleetstream.enrichment.flatten.JsonFlattener;
import io.fleetstream.enrichment.schema.JsonType;
import io.fleetstream.enrichment.schema.SchemaSample;
import tools.jackson.databind.JsonNode;

/**
 * One telemetry record of a car, GPS fix or status message alike, as flattened signals
 * that all carry the record's event time.
 *
 * @param carId the record key
 * @param eventTimeMs the message's {@code ts}, else the Kafka record timestamp
 * @param signals the leaf paths the record sets, with their values
 * @param arrays the arrays the record replaces whole (their paths)
 */
public record TelemetryUpdate(String carId, long eventTimeMs, Map<String, JsonNode> signals,
		Set<String> arrays) implements SchemaSample {

	public TelemetryUpdate {
		signals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signals));
		arrays = Set.copyOf(arrays);
	}

	@Override
	public Map<String, JsonType> attributeTypes() {
		Map<String, JsonType> types = new LinkedHashMap<>();
		this.signals.forEach((path, value) -> types.put(path, JsonFlattener.typeOf(value)));
		return types;
	}

	/** The signals' types, with no map made (every record goes through detection). */
	@Override
	public void forEachAttributeType(BiConsumer<String, JsonType> action) {
		this.signals.forEach((path, value) -> action.accept(path, JsonFlattener.typeOf(value)));
	}

}
