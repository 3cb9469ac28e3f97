package io.fleetstream.alert.episodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.evaluation.EnrichedState;
import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.pipeline.RecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code cars.enriched.json} records (docs/enriched-message.md). The car is the
 * record key; a record without a key, without a numeric {@code eventTime} or without a
 * {@code state} object is rejected with a reason. Numbers become {@code Long} or
 * {@code Double}, the types CEL works with.
 * <p>
 * The value is read as a token stream straight into the maps the rules read, not into a
 * JSON tree first: this parse is a fifth of the service's CPU per record (docs/alerts.md,
 * "Benchmark"). The fields the rules do not read ({@code source}, ...) are skipped
 * without being materialised, and so is {@code stateTimes} (half the message) unless a
 * rule reads the paths' times ({@code state.age}). {@code changed} is kept when it is an
 * array of strings (else the record counts as having changed every path).
 */
class EnrichedStateHandler implements RecordHandler<EnrichedState> {

	static final String NAME = "enriched-state";

	private final boolean readTimes;

	private final UnreadRecords unread;

	/**
	 * @param readTimes whether to read {@code stateTimes} (a rule calls
	 * {@code state.age})
	 * @param unread told of every rejected record that has a car
	 */
	EnrichedStateHandler(boolean readTimes, UnreadRecords unread) {
		this.readTimes = readTimes;
		this.unread = unread;
	}

	/**
	 * Reads a nested container (rare) as a tree from the middle of the stream, so the
	 * trailing-token check is the handler's own, at the end of the value.
	 */
	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

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
		Handled<EnrichedState> handled = read(record);
		if (handled instanceof Handled.Rejected) {
			this.unread.rejected(new TopicPartition(record.topic(), record.partition()), record.key(), record.offset());
		}
		return handled;
	}

	private Handled<EnrichedState> read(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return Handled.rejected("invalid-json", "The value is not a JSON object");
		}
		Fields fields = new Fields(this.readTimes);
		try (JsonParser parser = json.createParser(record.value())) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return Handled.rejected("invalid-json", "The value is not a JSON object");
			}
			fields.read(parser);
			if (parser.nextToken() != null) {
				return Handled.rejected("invalid-json", "The value is not JSON: trailing content after the object");
			}
		}
		catch (JacksonException ex) {
			return Handled.rejected("invalid-json", "The value is not JSON: " + ex.getOriginalMessage());
		}
		if (fields.eventTime == null) {
			return Handled.rejected("missing-event-time",
					"eventTime must be epoch milliseconds, was " + fields.eventTimeText);
		}
		if (fields.signals == null) {
			return Handled.rejected("missing-state", "state must be an object of flattened signals");
		}
		long time = fields.eventTime;
		return Handled.accepted(new EnrichedState(record.key(), time, fields.signals,
				(fields.times != null) ? fields.times : new HashMap<>(),
				(fields.reference != null) ? fields.reference : new HashMap<>(), fields.changed), time);
	}

	/**
	 * The top-level fields the rules read; as in a JSON tree, a field given twice counts
	 * with its last value.
	 */
	private static final class Fields {

		final boolean readTimes;

		Long eventTime;

		List<String> changed;

		String eventTimeText = "null";

		Map<String, Object> signals;

		Map<String, Long> times;

		Map<String, Object> reference;

		Fields(boolean readTimes) {
			this.readTimes = readTimes;
		}

		/** Reads the root object's fields; the parser is at its START_OBJECT. */
		void read(JsonParser parser) {
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken token = parser.nextToken();
				switch (name) {
					case "eventTime" -> {
						boolean integral = token == JsonToken.VALUE_NUMBER_INT
								&& parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
						this.eventTime = integral ? parser.getLongValue() : null;
						this.eventTimeText = integral ? null : text(parser, token);
					}
					case "state" -> this.signals = (token == JsonToken.START_OBJECT) ? values(parser) : skip(parser);
					case "stateTimes" ->
						this.times = (this.readTimes && token == JsonToken.START_OBJECT) ? times(parser) : skip(parser);
					case "changed" -> this.changed = (token == JsonToken.START_ARRAY) ? strings(parser) : skip(parser);
					case "reference" ->
						this.reference = (token == JsonToken.START_OBJECT) ? values(parser) : skip(parser);
					default -> parser.skipChildren();
				}
			}
		}

		private static <T> T skip(JsonParser parser) {
			parser.skipChildren();
			return null;
		}

		/** What the value was, for the rejection's detail. */
		private static String text(JsonParser parser, JsonToken token) {
			if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
				return json.readTree(parser).toString();
			}
			if (token == JsonToken.VALUE_STRING) {
				return '"' + parser.getString() + '"';
			}
			return parser.getString();
		}

		private static Map<String, Object> values(JsonParser parser) {
			// room for the simulator's ~30 paths without growing twice
			Map<String, Object> values = new HashMap<>(64);
			String name;
			while ((name = parser.nextName()) != null) {
				values.put(name, value(parser, parser.nextToken()));
			}
			return values;
		}

		/** The array's strings, or {@code null} if it holds anything else. */
		private static List<String> strings(JsonParser parser) {
			List<String> strings = new ArrayList<>();
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token != JsonToken.VALUE_STRING) {
					parser.skipChildren();
					strings = null;
				}
				else if (strings != null) {
					strings.add(parser.getString());
				}
			}
			return strings;
		}

		/** Integral values only; the others are left out. */
		private static Map<String, Long> times(JsonParser parser) {
			Map<String, Long> times = new HashMap<>();
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken token = parser.nextToken();
				if (token == JsonToken.VALUE_NUMBER_INT
						&& parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
					times.put(name, parser.getLongValue());
				}
				else {
					parser.skipChildren();
				}
			}
			return times;
		}

		private static Object value(JsonParser parser, JsonToken token) {
			return switch (token) {
				case VALUE_NUMBER_INT -> (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
						? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
				case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
				case VALUE_TRUE -> Boolean.TRUE;
				case VALUE_FALSE -> Boolean.FALSE;
				case VALUE_STRING -> parser.getString();
				case VALUE_NULL -> null;
				// the flattened state's only containers are the empty ones ({} and []),
				// kept as their JSON text
				default -> json.readTree(parser).toString();
			};
		}

	}

}
