package io.fleetstream.enrichment.schema;

import java.util.Locale;

/** The JSON type of a flattened attribute, as learned per topic. */
public enum JsonType {

	STRING, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT;

	/** The name used in {@code fleet.schema-changes.json} and the schema API. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
