package io.fleetstream.common.gps;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * The fields of a GPS record that FleetStream reads, pulled from the JSON with a
 * streaming parser: no tree is built per record, because this runs for every fix
 * (100,000s per second). Other fields are skipped; the whole value must still be valid
 * JSON, and no top-level name may appear twice ({@code {"lat":95,"lat":37.55}} is
 * ambiguous: parsers disagree on which one wins).
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
			// the known names are checked with a bit each; other names, rare in device
			// records, in a list made only when one appears
			int known = 0;
			List<String> others = null;
			String name;
			while ((name = parser.nextName()) != null) {
				int bit = switch (name) {
					case "lat" -> 1;
					case "lng" -> 2;
					case "ts" -> 4;
					case "speed" -> 8;
					case "speedKmh" -> 16;
					case "heading" -> 32;
					default -> 0;
				};
				if (bit != 0) {
					if ((known & bit) != 0) {
						throw new DuplicateKeyException(parser, name);
					}
					known |= bit;
				}
				else {
					others = (others != null) ? others : new ArrayList<>(4);
					if (others.contains(name)) {
						throw new DuplicateKeyException(parser, name);
					}
					others.add(name);
				}
				JsonField field = field(parser, parser.nextToken());
				switch (bit) {
					case 1 -> fields.lat = field;
					case 2 -> fields.lng = field;
					case 4 -> fields.ts = field;
					case 8 -> fields.speed = field;
					case 16 -> fields.speed = fields.speed.isMissing() ? field : fields.speed;
					case 32 -> fields.heading = field;
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
			// no text kept: a String per number per record is garbage on the hot path
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonField.number(parser.getDoubleValue());
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

	/** A top-level name given twice: which value is meant cannot be known. */
	static final class DuplicateKeyException extends tools.jackson.core.exc.StreamReadException {

		private final String name;

		DuplicateKeyException(JsonParser parser, String name) {
			super(parser, "Duplicate key \"" + name + "\"");
			this.name = name;
		}

		String name() {
			return this.name;
		}

	}

	/** Content after the first JSON value: the record is not one JSON document. */
	static final class TrailingContentException extends tools.jackson.core.exc.StreamReadException {

		TrailingContentException(JsonParser parser, JsonToken trailing) {
			super(parser, "Unexpected content after the JSON value: " + trailing);
		}

	}

}
