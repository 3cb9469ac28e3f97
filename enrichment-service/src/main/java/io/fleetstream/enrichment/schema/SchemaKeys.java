package io.fleetstream.enrichment.schema;

/**
 * The Redis key names of the learned schemas (docs/redis-keys.md, "Schemas"): a topic's
 * keys share the hash tag {@code {topic}}, so the claim script touches one cluster slot.
 */
public final class SchemaKeys {

	/** Every topic with a learned schema. */
	public static final String TOPICS = "fleet:schema:topics";

	private SchemaKeys() {
	}

	public static String paths(String topic) {
		return "fleet:schema:{" + topic + "}:paths";
	}

	public static String changes(String topic) {
		return "fleet:schema:{" + topic + "}:changes";
	}

	public static String pending(String topic) {
		return "fleet:schema:{" + topic + "}:pending";
	}

	public static String learned(String topic) {
		return "fleet:schema:{" + topic + "}:learned";
	}

}
