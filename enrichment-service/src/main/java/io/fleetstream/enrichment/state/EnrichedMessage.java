package io.fleetstream.enrichment.state;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.pipeline.RecordCoordinates;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the {@code cars.enriched.json} value (docs/enriched-message.md): the car's full
 * state after one update, joined with its snapshot attributes. Every record carries the
 * whole state, so this is the join's hot path, and it is written as directly as the join
 * benchmark's profiles showed to pay: streamed (no tree of the state per record), each
 * value as the JSON text its {@link Signal} keeps (no number formatting, no serializer
 * lookup), each path as pre-encoded bytes ({@link SignalPaths}), the reference attributes
 * by their Java type (no serializer lookup per attribute), into a buffer the consumer
 * thread reuses.
 */
public final class EnrichedMessage {

	private static final JsonFactory JSON = new JsonFactory();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** A buffer grown beyond this by an unusually large state is not kept. */
	private static final int MAX_KEPT_BUFFER = 256 * 1024;

	private static final ThreadLocal<ByteArrayOutputStream> BUFFERS = ThreadLocal
		.withInitial(() -> new ByteArrayOutputStream(8192));

	private EnrichedMessage() {
	}

	public static byte[] bytes(String carId, long eventTimeMs, long processingTimeMs, RecordCoordinates source,
			List<String> changed, CarState state, Map<String, Object> reference) {
		ByteArrayOutputStream out = BUFFERS.get();
		out.reset();
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
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
			for (Map.Entry<String, Signal> signal : state.signals.entrySet()) {
				name(json, signal.getKey());
				json.writeRawValue(signal.getValue().json());
			}
			json.writeEndObject();
			json.writeObjectPropertyStart("stateTimes");
			for (Map.Entry<String, Signal> signal : state.signals.entrySet()) {
				name(json, signal.getKey());
				json.writeNumber(signal.getValue().timeMs());
			}
			json.writeEndObject();
			json.writeName("reference");
			json.writeRawValue(referenceJson(state, reference));
			json.writeBooleanProperty("referenceKnown", !reference.isEmpty());
			json.writeEndObject();
		}
		byte[] bytes = out.toByteArray();
		if (out.size() > MAX_KEPT_BUFFER) {
			BUFFERS.remove();
		}
		return bytes;
	}

	/**
	 * The reference attributes' JSON, made again only when the snapshot's entry changed.
	 */
	private static String referenceJson(CarState state, Map<String, Object> reference) {
		if (state.reference != reference || state.referenceJson == null) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 32 * reference.size());
			try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
				json.writeStartObject();
				reference.forEach((column, value) -> attribute(json, column, value));
				json.writeEndObject();
			}
			state.referenceJson = out.toString(java.nio.charset.StandardCharsets.UTF_8);
			state.reference = reference;
		}
		return state.referenceJson;
	}

	private static void name(JsonGenerator json, String path) {
		SerializableString name = SignalPaths.name(path);
		if (name != null) {
			json.writeName(name);
		}
		else {
			json.writeName(path);
		}
	}

	/**
	 * A reference attribute: the snapshot holds JSON-native Java values (CarSnapshots);
	 * anything else, which it does not produce, is left to Jackson.
	 */
	private static void attribute(JsonGenerator json, String column, Object value) {
		json.writeName(column);
		if (value instanceof String text) {
			json.writeString(text);
		}
		else if (value instanceof Long number) {
			json.writeNumber(number);
		}
		else if (value instanceof Double number) {
			json.writeNumber(number);
		}
		else if (value instanceof Boolean flag) {
			json.writeBoolean(flag);
		}
		else if (value == null) {
			json.writeNull();
		}
		else {
			json.writeRawValue(MAPPER.writeValueAsString(value));
		}
	}

}
