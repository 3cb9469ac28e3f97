package io.fleetstream.enrichment.state;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.pipeline.RecordCoordinates;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the {@code cars.enriched.json} value (docs/enriched-message.md): the car's full
 * state after one update, joined with its snapshot attributes. Streamed straight into
 * bytes: building a tree of the whole state for every record and then serialising it was
 * the largest share of the join thread's CPU in the join benchmark's profile.
 */
public final class EnrichedMessage {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private EnrichedMessage() {
	}

	public static byte[] bytes(String carId, long eventTimeMs, long processingTimeMs, RecordCoordinates source,
			List<String> changed, CarState state, Map<String, Object> reference) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 48 * state.signals().size());
		try (JsonGenerator json = MAPPER.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("carId", carId);
			json.writeNumberProperty("eventTime", eventTimeMs);
			json.writeNumberProperty("processingTime", processingTimeMs);
			json.writeObjectPropertyStart("source");
			json.writeStringProperty("topic", source.topic());
			json.writeNumberProperty("partition", source.partition());
			json.writeNumberProperty("offset", source.offset());
			json.writeEndObject();
			json.writeArrayPropertyStart("changed");
			for (String path : changed) {
				json.writeString(path);
			}
			json.writeEndArray();
			json.writeObjectPropertyStart("state");
			state.signals().forEach((path, signal) -> {
				json.writeName(path);
				json.writeTree(signal.value());
			});
			json.writeEndObject();
			json.writeObjectPropertyStart("stateTimes");
			state.signals().forEach((path, signal) -> json.writeNumberProperty(path, signal.timeMs()));
			json.writeEndObject();
			json.writeName("reference");
			json.writePOJO(reference);
			json.writeBooleanProperty("referenceKnown", !reference.isEmpty());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

}
