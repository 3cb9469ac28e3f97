package io.fleetstream.alert.episodes;

import java.util.HashMap;
import java.util.Map;

import io.fleetstream.alert.evaluation.EnrichedState;
import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.pipeline.RecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code cars.enriched.json} records (docs/enriched-message.md). The car is the
 * record key; a record without a key, without a numeric {@code eventTime} or without a
 * {@code state} object is rejected with a reason. Numbers become {@code Long} or
 * {@code Double}, the types CEL works with.
 */
class EnrichedStateHandler implements RecordHandler<EnrichedState> {

	static final String NAME = "enriched-state";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<EnrichedState> valueType() {
		return EnrichedState.class;
	}

	@Override
	public Handled<EnrichedState> handle(ConsumerRecord<String, byte[]> record) {
		if (record.key() == null || record.key().isBlank()) {
			return Handled.rejected("missing-car-id", "The record has no key (the car id)");
		}
		JsonNode root;
		try {
			root = json.readTree(record.value());
		}
		catch (JacksonException ex) {
			return Handled.rejected("invalid-json", "The value is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			return Handled.rejected("invalid-json", "The value is not a JSON object");
		}
		JsonNode eventTime = root.get("eventTime");
		if (eventTime == null || !eventTime.isIntegralNumber()) {
			return Handled.rejected("missing-event-time", "eventTime must be epoch milliseconds, was " + eventTime);
		}
		JsonNode state = root.get("state");
		if (state == null || !state.isObject()) {
			return Handled.rejected("missing-state", "state must be an object of flattened signals");
		}
		Map<String, Object> signals = new HashMap<>();
		state.properties().forEach((entry) -> signals.put(entry.getKey(), value(entry.getValue())));
		Map<String, Long> times = new HashMap<>();
		JsonNode stateTimes = root.get("stateTimes");
		if (stateTimes != null && stateTimes.isObject()) {
			stateTimes.properties().forEach((entry) -> {
				if (entry.getValue().isIntegralNumber()) {
					times.put(entry.getKey(), entry.getValue().longValue());
				}
			});
		}
		Map<String, Object> reference = new HashMap<>();
		JsonNode referenceNode = root.get("reference");
		if (referenceNode != null && referenceNode.isObject()) {
			referenceNode.properties().forEach((entry) -> reference.put(entry.getKey(), value(entry.getValue())));
		}
		long time = eventTime.longValue();
		return Handled.accepted(new EnrichedState(record.key(), time, signals, times, reference), time);
	}

	private static Object value(JsonNode node) {
		if (node.isIntegralNumber()) {
			return node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isNull()) {
			return null;
		}
		// the flattened state's only containers are the empty ones ({} and [])
		return node.toString();
	}

}
