package io.fleetstream.alert.episodes;

import java.nio.charset.StandardCharsets;

import io.fleetstream.common.pipeline.Handled;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fleet.schema-changes.json} records as enrichment-service writes them
 * (docs/enriched-message.md) are read whole; malformed ones are rejected with a reason
 * (and dead-lettered by the pipeline); untrusted texts are bounded.
 */
class SchemaChangeHandlerTests {

	private final SchemaChangeHandler handler = new SchemaChangeHandler();

	@Test
	void aNewPathIsReadWithEveryField() {
		SchemaChangeEvent event = accepted("""
				{"id":"cars.status.json|engine.oil.pressureKpa|number","topic":"cars.status.json","kind":"NEW_PATH",
				 "path":"engine.oil.pressureKpa","oldType":null,"newType":"number","firstSeen":1764584130123,
				 "example":{"partition":3,"offset":123456},"control":null}""");
		assertThat(event).isEqualTo(
				new SchemaChangeEvent("cars.status.json|engine.oil.pressureKpa|number", "cars.status.json", "NEW_PATH",
						"engine.oil.pressureKpa", null, "number", 1764584130123L, 3L, 123456L, null, null, null));
		assertThat(event.summary()).isEqualTo("new path engine.oil.pressureKpa (number)");
		assertThat(event.values()).containsOnlyKeys("id", "topic", "kind", "path", "newType", "firstSeen",
				"examplePartition", "exampleOffset");
	}

	@Test
	void aControlRecordNeedsNoPath() {
		SchemaChangeEvent event = accepted("""
				{"id":"cdc.carinfo|control|0|17","topic":"cdc.carinfo","kind":"CONTROL","path":null,"oldType":null,
				 "newType":null,"firstSeen":1764584130123,"example":{"partition":0,"offset":17},
				 "control":{"operation":"add-column","schema":"fleet","table":"carinfo","metadata":{"x":1}}}""");
		assertThat(event.summary()).isEqualTo("DMS add-column on fleet.carinfo");
		assertThat(event.values()).containsEntry("operation", "add-column").doesNotContainKey("path");
	}

	@Test
	void aRetypedPathNamesBothTypes() {
		SchemaChangeEvent event = accepted("""
				{"id":"t|engine.on|string","topic":"t","kind":"TYPE_CHANGED","path":"engine.on","oldType":"boolean",
				 "newType":"string","firstSeen":5}""");
		assertThat(event.summary()).isEqualTo("engine.on retyped from boolean to string");
		assertThat(event.examplePartition()).isNull();
	}

	@Test
	void malformedEventsAreRejectedWithTheirReason() {
		assertRejected("not json", "invalid-json");
		assertRejected("[1,2]", "invalid-json");
		assertRejected("{\"topic\":\"t\",\"kind\":\"NEW_PATH\",\"path\":\"p\",\"firstSeen\":1}", "missing-change-id");
		assertRejected("{\"id\":\" \",\"topic\":\"t\",\"kind\":\"NEW_PATH\",\"path\":\"p\",\"firstSeen\":1}",
				"missing-change-id");
		assertRejected("{\"id\":\"i\",\"kind\":\"NEW_PATH\",\"path\":\"p\",\"firstSeen\":1}", "missing-topic");
		assertRejected("{\"id\":\"i\",\"topic\":\"t\",\"kind\":\"DROPPED\",\"path\":\"p\",\"firstSeen\":1}",
				"unknown-change-kind");
		assertRejected(
				"{\"id\":\"i\",\"topic\":\"t\",\"kind\":\"NEW_PATH\",\"path\":\"p\",\"firstSeen\":\"yesterday\"}",
				"missing-first-seen");
		assertRejected("{\"id\":\"i\",\"topic\":\"t\",\"kind\":\"NEW_PATH\",\"path\":\"p\",\"firstSeen\":1.5}",
				"missing-first-seen");
		assertRejected("{\"id\":\"i\",\"topic\":\"t\",\"kind\":\"TYPE_CHANGED\",\"firstSeen\":1}", "missing-path");
	}

	@Test
	void aHostilePathIsBoundedButTheIdIsKeptWholeForTheEpisodeId() {
		String path = "body.\n<script>" + "x".repeat(10_000);
		String id = "cars.status.json|" + path + "|string";
		SchemaChangeEvent event = accepted(
				"{\"id\":" + quoted(id) + ",\"topic\":\"cars.status.json\",\"kind\":\"NEW_PATH\",\"path\":"
						+ quoted(path) + ",\"newType\":\"string\",\"firstSeen\":1}");
		assertThat(event.path()).hasSize(SchemaChangeHandler.MAX_TEXT).endsWith("\u2026").startsWith("body.\n<script>");
		assertThat(event.id()).isEqualTo(id);
		assertThat((String) event.values().get("id")).hasSize(SchemaChangeHandler.MAX_TEXT);
	}

	private SchemaChangeEvent accepted(String json) {
		Handled<SchemaChangeEvent> handled = this.handler.handle(record(json));
		assertThat(handled).isInstanceOf(Handled.Accepted.class);
		return ((Handled.Accepted<SchemaChangeEvent>) handled).value();
	}

	private void assertRejected(String json, String reason) {
		Handled<SchemaChangeEvent> handled = this.handler.handle(record(json));
		assertThat(handled).as(json)
			.isInstanceOfSatisfying(Handled.Rejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo(reason));
	}

	private static ConsumerRecord<String, byte[]> record(String json) {
		return new ConsumerRecord<>("fleet.schema-changes.json", 0, 0, "cars.status.json",
				json.getBytes(StandardCharsets.UTF_8));
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

}
