package io.fleetstream.enrichment.state;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One signal's latest value and the event time it was sent at, with the value's JSON text
 * as UTF-8 bytes.
 * <p>
 * The text is made once, when the value is set (or read back from Redis), because every
 * enriched record carries the car's whole state and every state write sends the value to
 * Redis: formatting each value again per record (a double's digits, Jackson's serializer
 * lookups) was a large share of the join's CPU in the join benchmark's profile.
 *
 * @param value a JSON scalar, or an empty {@code []} / {@code {}}
 * @param timeMs the event time (epoch ms) of the update that set it
 * @param json the value as JSON text, UTF-8 (what Redis stores and the enriched message
 * carries); shared, never to be modified
 */
public record Signal(JsonNode value, long timeMs, byte[] json) {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	public Signal(JsonNode value, long timeMs) {
		this(value, timeMs, jsonOf(value).getBytes(StandardCharsets.UTF_8));
	}

	/** The value's JSON text. */
	public String jsonText() {
		return new String(this.json, StandardCharsets.UTF_8);
	}

	/**
	 * The value's JSON text: numbers and booleans formatted as Jackson formats them (the
	 * common case, without a serializer lookup), anything else by Jackson itself.
	 */
	static String jsonOf(JsonNode value) {
		if (value.isBoolean()) {
			return value.booleanValue() ? "true" : "false";
		}
		if (value.isNull()) {
			return "null";
		}
		if (value.isInt() || value.isLong()) {
			return Long.toString(value.longValue());
		}
		if (value.isDouble() && Double.isFinite(value.doubleValue())) {
			return Double.toString(value.doubleValue());
		}
		return MAPPER.writeValueAsString(value);
	}

}
