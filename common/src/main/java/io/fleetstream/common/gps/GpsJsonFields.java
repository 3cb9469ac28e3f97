package io.fleetstream.common.gps;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * The fields of a GPS record that FleetStream reads, pulled from the JSON with a
 * streaming parser: no tree is built per record, because this runs for every fix
 * (100,000s per second). Other fields are skipped; the whole value must still be valid
 * JSON.
 */
final class GpsJsonFields {

	JsonField lat = JsonField.ABSENT;

	JsonField lng = JsonField.ABSENT;

	JsonField ts = JsonField.ABSENT;

	JsonField speed = JsonField.ABSENT;

	JsonField heading = JsonField.ABSENT;

	private GpsJsonFields() {
	}

	/**
	 * @return the fields, or {@code null} if the value is valid JSON but not an object
	 * @throws JacksonException if the value is not valid JSON
	 */
	static GpsJsonFields read(ObjectMapper mapper, byte[] value) {
		try (JsonParser parser = mapper.createParser(value)) {
			JsonToken first = parser.nextToken();
			if (first != JsonToken.START_OBJECT) {
				skipValue(parser, first);
				requireEnd(parser);
				return null;
			}
			GpsJsonFields fields = new GpsJsonFields();
			String name;
			while ((name = parser.nextName()) != null) {
				JsonField field = field(parser, parser.nextToken());
				switch (name) {
					case "lat" -> fields.lat = field;
					case "lng" -> fields.lng = field;
					case "ts" -> fields.ts = field;
					case "speed" -> fields.speed = field;
					case "speedKmh" -> fields.speed = fields.speed.isMissing() ? field : fields.speed;
					case "heading" -> fields.heading = field;
					default -> {
					}
				}
			}
			requireEnd(parser);
			return fields;
		}
	}

	private static JsonField field(JsonParser parser, JsonToken token) {
		return switch (token) {
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonField.number(parser.getDoubleValue(), parser.getText());
			case VALUE_STRING -> JsonField.string(parser.getString());
			case VALUE_NULL -> JsonField.NULL;
			case START_OBJECT, START_ARRAY -> {
				parser.skipChildren();
				yield JsonField.other((token == JsonToken.START_OBJECT) ? "an object" : "an array");
			}
			default -> JsonField.other(parser.getText());
		};
	}

	private static void skipValue(JsonParser parser, JsonToken token) {
		if (token == JsonToken.START_ARRAY) {
			parser.skipChildren();
		}
	}

	private static void requireEnd(JsonParser parser) {
		JsonToken trailing = parser.nextToken();
		if (trailing != null) {
			throw new TrailingContentException(parser, trailing);
		}
	}

	/** Content after the first JSON value: the record is not one JSON document. */
	static final class TrailingContentException extends tools.jackson.core.exc.StreamReadException {

		TrailingContentException(JsonParser parser, JsonToken trailing) {
			super(parser, "Unexpected content after the JSON value: " + trailing);
		}

	}

}
