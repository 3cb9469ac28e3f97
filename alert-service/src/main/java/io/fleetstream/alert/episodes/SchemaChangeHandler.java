package io.fleetstream.alert.episodes;

import java.util.Set;

import io.fleetstream.common.pipeline.Handled;
import io.fleetstream.common.pipeline.RecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code fleet.schema-changes.json} records (docs/enriched-message.md). A record
 * that is not a JSON object, or lacks a non-blank {@code id} or {@code topic}, a known
 * {@code kind}, an integral {@code firstSeen}, or (for a path change) a {@code path}, is
 * rejected with a reason and dead-lettered. The values are untrusted (a path is whatever
 * a device sent): each text is cut to {@value #MAX_TEXT} characters here, and the e-mail
 * escapes and bounds them again as every alert value.
 */
class SchemaChangeHandler implements RecordHandler<SchemaChangeEvent> {

	static final String NAME = "schema-change";

	/** The longest text kept of an event's field (the id is hashed whole). */
	static final int MAX_TEXT = 1000;

	private static final Set<String> KINDS = Set.of("NEW_PATH", "TYPE_CHANGED", "CONTROL");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<SchemaChangeEvent> valueType() {
		return SchemaChangeEvent.class;
	}

	@Override
	public Handled<SchemaChangeEvent> handle(ConsumerRecord<String, byte[]> record) {
		JsonNode root;
		try {
			root = (record.value() != null) ? json.readTree(record.value()) : null;
		}
		catch (JacksonException ex) {
			return Handled.rejected("invalid-json", "The value is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			return Handled.rejected("invalid-json", "The value is not a JSON object");
		}
		String id = text(root, "id");
		if (id == null || id.isBlank()) {
			return Handled.rejected("missing-change-id", "id must be a non-blank string");
		}
		String topic = text(root, "topic");
		if (topic == null || topic.isBlank()) {
			return Handled.rejected("missing-topic", "topic must be a non-blank string");
		}
		String kind = text(root, "kind");
		if (kind == null || !KINDS.contains(kind)) {
			return Handled.rejected("unknown-change-kind",
					"kind must be one of NEW_PATH, TYPE_CHANGED, CONTROL, was " + bounded(String.valueOf(kind)));
		}
		JsonNode firstSeen = root.get("firstSeen");
		if (firstSeen == null || !firstSeen.isIntegralNumber() || !firstSeen.canConvertToLong()
				|| firstSeen.longValue() < 0) {
			return Handled.rejected("missing-first-seen", "firstSeen must be epoch milliseconds");
		}
		String path = text(root, "path");
		if (!kind.equals("CONTROL") && (path == null || path.isEmpty())) {
			return Handled.rejected("missing-path", "a " + kind + " change needs its path");
		}
		JsonNode example = root.get("example");
		JsonNode control = root.get("control");
		SchemaChangeEvent event = new SchemaChangeEvent(id, bounded(topic), kind, bounded(path),
				bounded(text(root, "oldType")), bounded(text(root, "newType")), firstSeen.longValue(),
				whole(example, "partition"), whole(example, "offset"), bounded(text(control, "operation")),
				bounded(text(control, "schema")), bounded(text(control, "table")));
		return Handled.accepted(event, firstSeen.longValue());
	}

	/** The text cut to {@value #MAX_TEXT} characters (never inside a surrogate pair). */
	static @Nullable String bounded(@Nullable String text) {
		if (text == null || text.length() <= MAX_TEXT) {
			return text;
		}
		int end = MAX_TEXT - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "\u2026";
	}

	private static @Nullable String text(@Nullable JsonNode node, String field) {
		if (node == null || !node.isObject()) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static @Nullable Long whole(@Nullable JsonNode node, String field) {
		if (node == null || !node.isObject()) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && value.isIntegralNumber() && value.canConvertToLong()) ? value.longValue() : null;
	}

}
