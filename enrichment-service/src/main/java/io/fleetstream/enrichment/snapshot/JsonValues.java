package io.fleetstream.enrichment.snapshot;

import io.fleetstream.enrichment.schema.JsonType;
import tools.jackson.databind.JsonNode;

/**
 * How a DMS column value becomes a Java value, the same way every time: a string stays a
 * {@code String}, an integer that fits a long is a {@code Long}, any other number a
 * {@code Double}, a boolean a {@code Boolean}, null {@code null}; a nested object or
 * array (DMS writes none for MySQL, but nothing forbids it) is kept as its JSON text.
 */
final class JsonValues {

	private JsonValues() {
	}

	static Object toJava(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		return node.toString();
	}

	static JsonType typeOf(JsonNode node) {
		if (node == null || node.isNull()) {
			return JsonType.NULL;
		}
		if (node.isString()) {
			return JsonType.STRING;
		}
		if (node.isBoolean()) {
			return JsonType.BOOLEAN;
		}
		if (node.isNumber()) {
			return JsonType.NUMBER;
		}
		return node.isArray() ? JsonType.ARRAY : JsonType.OBJECT;
	}

}
