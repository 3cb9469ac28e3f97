package io.fleetstream.enrichment.state;

import java.util.List;
import java.util.Map;

import io.fleetstream.common.pipeline.RecordCoordinates;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code cars.enriched.json} value (docs/enriched-message.md): the car's full
 * state after one update, joined with its snapshot attributes.
 */
public final class EnrichedMessage {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private EnrichedMessage() {
	}

	public static ObjectNode of(String carId, long eventTimeMs, long processingTimeMs, RecordCoordinates source,
			List<String> changed, CarState state, Map<String, Object> reference) {
		ObjectNode message = MAPPER.createObjectNode();
		message.put("carId", carId);
		message.put("eventTime", eventTimeMs);
		message.put("processingTime", processingTimeMs);
		ObjectNode from = message.putObject("source");
		from.put("topic", source.topic());
		from.put("partition", source.partition());
		from.put("offset", source.offset());
		changed.forEach(message.putArray("changed")::add);
		ObjectNode values = message.putObject("state");
		ObjectNode times = message.putObject("stateTimes");
		state.signals().forEach((path, signal) -> {
			values.set(path, signal.value());
			times.put(path, signal.timeMs());
		});
		message.set("reference", MAPPER.valueToTree(reference));
		message.put("referenceKnown", !reference.isEmpty());
		return message;
	}

	public static byte[] bytes(ObjectNode message) {
		return MAPPER.writeValueAsBytes(message);
	}

}
