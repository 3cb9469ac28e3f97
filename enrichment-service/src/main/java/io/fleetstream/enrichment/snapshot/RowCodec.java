package io.fleetstream.enrichment.snapshot;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;

/**
 * How a row is stored in Redis (docs/redis-keys.md): a JSON object of column name to
 * typed text, the type a one-letter prefix ({@code s} string, {@code i} integer,
 * {@code d} decimal, {@code b} boolean, {@code z} null), so that the server-side script
 * gets every column's plain text by dropping one character, and a row read back is the
 * same Java values the parser made (types included).
 */
final class RowCodec {

	private final ObjectMapper mapper;

	RowCodec(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	String encode(Map<String, Object> columns) {
		Map<String, String> typed = new LinkedHashMap<>();
		columns.forEach((name, value) -> typed.put(name, typedText(value)));
		return this.mapper.writeValueAsString(typed);
	}

	Map<String, Object> decode(String json) {
		@SuppressWarnings("unchecked")
		Map<String, Object> typed = this.mapper.readValue(json, LinkedHashMap.class);
		Map<String, Object> columns = new LinkedHashMap<>();
		typed.forEach((name, text) -> columns.put(name, value((String) text)));
		return columns;
	}

	static String typedText(Object value) {
		if (value == null) {
			return "z";
		}
		if (value instanceof String text) {
			return "s" + text;
		}
		if (value instanceof Long number) {
			return "i" + number;
		}
		if (value instanceof Double number) {
			return "d" + number;
		}
		if (value instanceof Boolean flag) {
			return "b" + flag;
		}
		throw new IllegalArgumentException("Not a column value: " + value.getClass().getName());
	}

	/** The plain text a value is written as in a car's attribute hash. */
	static String plainText(Object value) {
		return typedText(value).substring(1);
	}

	static Object value(String typed) {
		if (typed == null || typed.isEmpty()) {
			throw new IllegalArgumentException("Not a typed column value: '" + typed + "'");
		}
		String text = typed.substring(1);
		return switch (typed.charAt(0)) {
			case 'z' -> null;
			case 's' -> text;
			case 'i' -> Long.parseLong(text);
			case 'd' -> Double.parseDouble(text);
			case 'b' -> Boolean.parseBoolean(text);
			default -> throw new IllegalArgumentException("Not a typed column value: '" + typed + "'");
		};
	}

}
