package io.fleetstream.enrichment.state;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.pipeline.RecordCoordinates;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the {@code cars.enriched.json} value (docs/enriched-message.md): the car's full
 * state after one update, joined with its snapshot attributes. Every record carries the
 * whole state, so this is the join's hot path, and it is written as directly as the join
 * benchmark's profiles showed to pay: the message is copied together from pieces that are
 * already JSON, not formatted: each value as the JSON text its {@link Signal} keeps (no
 * number formatting, no serializer lookup), each path as its member name held with the
 * signal ({@link SignalTable}, made once per path by {@link SignalPaths}), the reference
 * attributes as JSON kept per car until the snapshot's entry changes, into a buffer the
 * consumer thread reuses. Strings are escaped by Jackson's encoder.
 */
public final class EnrichedMessage {

	private static final JsonFactory JSON = new JsonFactory();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final byte[] EMPTY_OBJECT = { '{', '}' };

	/** A buffer grown beyond this by an unusually large state is not kept. */
	private static final int MAX_KEPT_BUFFER = 256 * 1024;

	private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

	private EnrichedMessage() {
	}

	public static byte[] bytes(String carId, long eventTimeMs, long processingTimeMs, RecordCoordinates source,
			List<String> changed, CarState state, Map<String, Object> reference) {
		Buffers buffers = BUFFERS.get();
		JsonBytes out = buffers.out;
		out.reset();
		out.ascii("{\"carId\":").string(carId);
		out.ascii(",\"eventTime\":").number(eventTimeMs);
		out.ascii(",\"processingTime\":").number(processingTimeMs);
		out.ascii(",\"source\":{\"topic\":").string(source.topic());
		out.ascii(",\"partition\":").number(source.partition());
		out.ascii(",\"offset\":").number(source.offset());
		out.ascii("},\"changed\":[");
		for (int i = 0; i < changed.size(); i++) {
			if (i > 0) {
				out.ascii(',');
			}
			out.quoted(SignalPaths.escaped(changed.get(i)));
		}
		// the state's tree, its signals and their paths are visited once: state and
		// stateTimes are written from the pieces gathered here (the tree walk and the
		// path
		// lookups, scattered over the whole fleet's state, were the larger part of the
		// cost)
		int signals = buffers.gather(state);
		out.ascii("],\"state\":{");
		for (int i = 0; i < signals; i++) {
			if (i > 0) {
				out.ascii(',');
			}
			out.raw(buffers.members[i]).raw(buffers.values[i]);
		}
		out.ascii("},\"stateTimes\":{");
		// the signals of one update share its time: the digits written last are copied
		long lastTime = 0;
		int lastStart = -1;
		int lastLength = 0;
		for (int i = 0; i < signals; i++) {
			if (i > 0) {
				out.ascii(',');
			}
			out.raw(buffers.members[i]);
			long time = buffers.times[i];
			if (lastStart >= 0 && time == lastTime) {
				out.copyOwn(lastStart, lastLength);
			}
			else {
				lastStart = out.size();
				out.number(time);
				lastLength = out.size() - lastStart;
				lastTime = time;
			}
		}
		buffers.release(signals);
		out.ascii("},\"reference\":").raw(referenceJson(state, reference));
		out.ascii(",\"referenceKnown\":").ascii(reference.isEmpty() ? "false" : "true").ascii('}');
		byte[] bytes = out.toByteArray();
		if (out.capacity() > MAX_KEPT_BUFFER) {
			BUFFERS.remove();
		}
		return bytes;
	}

	/**
	 * The reference attributes' JSON, made again only when the snapshot's entry changed.
	 */
	private static byte[] referenceJson(CarState state, Map<String, Object> reference) {
		if (reference.isEmpty()) {
			return EMPTY_OBJECT;
		}
		if (state.reference != reference || state.referenceJson == null) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 32 * reference.size());
			try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
				json.writeStartObject();
				reference.forEach((column, value) -> attribute(json, column, value));
				json.writeEndObject();
			}
			state.referenceJson = out.toByteArray();
			state.reference = reference;
		}
		return state.referenceJson;
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

	/**
	 * A consumer thread's buffer and the pieces of the state being written: each signal's
	 * member name ({@code "path":}), value text and time, in the state's order.
	 */
	private static final class Buffers {

		final JsonBytes out = new JsonBytes(8192);

		byte[][] members = new byte[64][];

		byte[][] values = new byte[64][];

		long[] times = new long[64];

		int gather(CarState state) {
			int size = state.signals.size();
			if (size > this.members.length) {
				int capacity = Math.max(size, this.members.length * 2);
				this.members = new byte[capacity][];
				this.values = new byte[capacity][];
				this.times = new long[capacity];
			}
			SignalTable table = state.signals;
			for (int i = 0; i < size; i++) {
				Signal value = table.signal(i);
				this.members[i] = table.member(i);
				this.values[i] = value.json();
				this.times[i] = value.timeMs();
			}
			return size;
		}

		/** Drops the references to the values, so no old state is kept alive here. */
		void release(int size) {
			Arrays.fill(this.values, 0, size, null);
			if (this.members.length > 4096) {
				this.members = new byte[64][];
				this.values = new byte[64][];
				this.times = new long[64];
			}
		}

	}

}
