package io.fleetstream.enrichment.state;

import java.io.ByteArrayOutputStream;
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
		// the state's arrays are read twice, once for state and once for stateTimes (the
		// second pass finds them in the cache), and no signal object is visited
		SignalTable table = state.signals;
		int signals = table.size();
		out.ascii("],\"state\":{");
		for (int i = 0; i < signals; i++) {
			if (i > 0) {
				out.ascii(',');
			}
			out.raw(table.member(i)).raw(table.json(i));
		}
		out.ascii("},\"stateTimes\":{");
		// a state holds a few distinct times (each update's signals share one): the
		// digits of a time written before in this message are copied
		TimeDigits digits = buffers.digits;
		digits.clear();
		for (int i = 0; i < signals; i++) {
			if (i > 0) {
				out.ascii(',');
			}
			out.raw(table.member(i));
			digits.write(out, table.time(i));
		}
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

	/** A consumer thread's buffer, and the times written into it. */
	private static final class Buffers {

		final JsonBytes out = new JsonBytes(8192);

		final TimeDigits digits = new TimeDigits();

	}

	/**
	 * The last few distinct times written into the message and where their digits are, so
	 * that a time written again is copied, not formatted.
	 */
	static final class TimeDigits {

		private static final int SLOTS = 8;

		private final long[] times = new long[SLOTS];

		private final int[] starts = new int[SLOTS];

		private final int[] lengths = new int[SLOTS];

		private int used;

		private int next;

		void clear() {
			this.used = 0;
			this.next = 0;
		}

		void write(JsonBytes out, long time) {
			for (int i = 0; i < this.used; i++) {
				if (this.times[i] == time) {
					out.copyOwn(this.starts[i], this.lengths[i]);
					return;
				}
			}
			int start = out.size();
			out.number(time);
			int slot = this.next;
			this.next = (slot + 1) % SLOTS;
			this.used = Math.max(this.used, slot + 1);
			this.times[slot] = time;
			this.starts[slot] = start;
			this.lengths[slot] = out.size() - start;
		}

	}

}
