package io.fleetstream.alert.episodes;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.io.NumberInput;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON object of an enriched record ({@code state}, {@code reference}) as the map the
 * rules and the templates read, its scalar values parsed from the record's bytes only
 * when read: a GPS fix re-evaluates one rule that reads two of the state's ~30 paths, so
 * boxing every value into a {@link HashMap} for each record is mostly wasted (it
 * allocates about a quarter less per record; its CPU is about the same, since tokenising
 * the record is most of reading it: docs/alerts.md, "Benchmark").
 * <p>
 * The handler has already read the whole object token by token (so a malformed record is
 * rejected exactly as before, when nothing is read lazily): it keeps each member's name
 * and where its value starts, decodes every string once (so a bad escape or bad UTF-8 is
 * found then), and reads the rare container values ({@code []}, {@code {}}) eagerly as
 * their JSON text. {@link #get} and {@link #containsKey} then parse one value, from the
 * same bytes and with the same conversion as the full read
 * ({@link #value(JsonParser, JsonToken)}), so a rule sees exactly the value it saw when
 * the handler built the whole map; a member given twice counts with its last value. Any
 * other use (iteration, size, equality: a prefix rule, a template) reads the whole object
 * once into the same {@link HashMap} the full read built, in the same insertion order, so
 * its iteration order is unchanged too.
 * <p>
 * Not thread-safe: a record is read by the consumer thread that polled it.
 */
final class RecordObject extends AbstractMap<String, Object> {

	/**
	 * Reads nested containers as trees from the middle of a stream.
	 */
	static final JsonMapper json = JsonMapper.builder()
		.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Object UNREAD = new Object();

	/** Whether the parser reads decimal numbers with its fast parser (as it does). */
	private static final boolean FAST_DOUBLES = json.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER);

	/** Room for the simulator's ~30 paths without growing twice. */
	private static final int FULL_CAPACITY = 64;

	private final byte[] bytes;

	private final int start;

	private final int end;

	private final String[] names;

	private final int[] offsets;

	private final int[] ends;

	private final Object[] values;

	private Map<String, Object> all;

	private RecordObject(byte[] bytes, int start, int end, String[] names, int[] offsets, int[] ends, Object[] values) {
		this.bytes = bytes;
		this.start = start;
		this.end = end;
		this.names = names;
		this.offsets = offsets;
		this.ends = ends;
		this.values = values;
	}

	/**
	 * Indexes the object the parser is at (its {@code START_OBJECT}), leaving the parser
	 * at its {@code END_OBJECT}. The parser reads {@code bytes} from its first byte.
	 */
	static RecordObject index(JsonParser parser, byte[] bytes) {
		int start = offset(parser.currentTokenLocation());
		String[] names = new String[32];
		int[] offsets = new int[32];
		int[] ends = new int[32];
		Object[] values = new Object[32];
		int size = 0;
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			if (size == names.length) {
				names = Arrays.copyOf(names, size * 2);
				offsets = Arrays.copyOf(offsets, size * 2);
				ends = Arrays.copyOf(ends, size * 2);
				values = Arrays.copyOf(values, size * 2);
			}
			names[size] = name;
			offsets[size] = offset(parser.currentTokenLocation());
			if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
				values[size] = value(parser, token);
			}
			else {
				if (token == JsonToken.VALUE_STRING) {
					// decoded now, as the full read did, so a malformed string rejects
					// the
					// record here and never surfaces when a rule reads it
					parser.getStringLength();
				}
				values[size] = UNREAD;
				// a scalar is read again from exactly its bytes: a number at the root of
				// a parser must not be followed by anything but space
				ends[size] = offset(parser.currentLocation());
			}
			size++;
		}
		// the END_OBJECT's byte: the end of the object
		int end = offset(parser.currentTokenLocation()) + 1;
		return new RecordObject(bytes, start, end, Arrays.copyOf(names, size), Arrays.copyOf(offsets, size),
				Arrays.copyOf(ends, size), Arrays.copyOf(values, size));
	}

	private static int offset(TokenStreamLocation location) {
		return Math.toIntExact(location.getByteOffset());
	}

	@Override
	public Object get(Object key) {
		if (this.all != null) {
			return this.all.get(key);
		}
		int index = lastIndexOf(key);
		return (index >= 0) ? valueAt(index) : null;
	}

	@Override
	public boolean containsKey(Object key) {
		return (this.all != null) ? this.all.containsKey(key) : lastIndexOf(key) >= 0;
	}

	@Override
	public int size() {
		return all().size();
	}

	@Override
	public boolean isEmpty() {
		return this.names.length == 0;
	}

	@Override
	public void forEach(BiConsumer<? super String, ? super Object> action) {
		all().forEach(action);
	}

	@Override
	public Set<Entry<String, Object>> entrySet() {
		return all().entrySet();
	}

	/** How many members were parsed one by one (for the tests). */
	int valuesRead() {
		int read = 0;
		for (int index = 0; index < this.values.length; index++) {
			if (this.values[index] != UNREAD && !isContainer(index)) {
				read++;
			}
		}
		return read;
	}

	/** Whether the whole object was read (for the tests). */
	boolean readWhole() {
		return this.all != null;
	}

	private boolean isContainer(int index) {
		byte first = this.bytes[this.offsets[index]];
		return first == '{' || first == '[';
	}

	private int lastIndexOf(Object key) {
		for (int index = this.names.length - 1; index >= 0; index--) {
			if (this.names[index].equals(key)) {
				return index;
			}
		}
		return -1;
	}

	private Object valueAt(int index) {
		Object value = this.values[index];
		if (value == UNREAD) {
			value = scalar(this.offsets[index], this.ends[index]);
			this.values[index] = value;
		}
		return value;
	}

	/**
	 * A scalar the handler tokenised, converted as {@link #value(JsonParser, JsonToken)}
	 * converts it: directly for the plain cases (a literal, a string without escapes in
	 * ASCII, an integer of at most 18 characters, a decimal number through the parser's
	 * own {@link NumberInput#parseDouble}), else through a parser over its bytes
	 * (creating one costs more than reading the value).
	 */
	private Object scalar(int from, int to) {
		byte first = this.bytes[from];
		if (first == 't') {
			return Boolean.TRUE;
		}
		if (first == 'f') {
			return Boolean.FALSE;
		}
		if (first == 'n') {
			return null;
		}
		if (first == '"') {
			for (int at = from + 1; at < to - 1; at++) {
				if (this.bytes[at] == '\\' || this.bytes[at] < 0) {
					return parsed(from, to);
				}
			}
			return new String(this.bytes, from + 1, to - from - 2, StandardCharsets.ISO_8859_1);
		}
		boolean integral = true;
		for (int at = from; at < to; at++) {
			byte b = this.bytes[at];
			if (b == '.' || b == 'e' || b == 'E') {
				integral = false;
				break;
			}
		}
		String text = new String(this.bytes, from, to - from, StandardCharsets.ISO_8859_1);
		if (!integral) {
			return NumberInput.parseDouble(text, FAST_DOUBLES);
		}
		// 18 characters, a sign included, always fit a long
		return (to - from <= 18) ? (Object) Long.parseLong(text) : parsed(from, to);
	}

	private Object parsed(int from, int to) {
		try (JsonParser parser = json.createParser(this.bytes, from, to - from)) {
			return value(parser, parser.nextToken());
		}
		catch (JacksonException ex) {
			// the handler tokenised and decoded this value already
			throw new IllegalStateException("An enriched value read before could not be read again", ex);
		}
	}

	/** The whole object, as the handler read it before it was read lazily. */
	private Map<String, Object> all() {
		if (this.all == null) {
			Map<String, Object> all = new HashMap<>(FULL_CAPACITY);
			try (JsonParser parser = json.createParser(this.bytes, this.start, this.end - this.start)) {
				parser.nextToken();
				String name;
				while ((name = parser.nextName()) != null) {
					all.put(name, value(parser, parser.nextToken()));
				}
			}
			catch (JacksonException ex) {
				throw new IllegalStateException("An enriched object read before could not be read again", ex);
			}
			this.all = Collections.unmodifiableMap(all);
		}
		return this.all;
	}

	/** A value with the types CEL works with: {@code Long}, {@code Double}, ... */
	static Object value(JsonParser parser, JsonToken token) {
		return switch (token) {
			case VALUE_NUMBER_INT -> (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
					? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
			case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_STRING -> parser.getString();
			case VALUE_NULL -> null;
			// the flattened state's only containers are the empty ones ({} and []), kept
			// as their JSON text
			default -> json.readTree(parser).toString();
		};
	}

}
