package io.fleetstream.enrichment;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After 3 records learned silently, a new attribute 5 levels deep and a retyped one
 * publish exactly one event each, on a real instance; the same shapes again, and again
 * after a restart, publish nothing more.
 */
class SchemaChangeIntegrationTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private EnrichmentApps apps;

	@AfterEach
	void stop() {
		this.apps.close();
	}

	@Test
	void newAndRetypedAttributesArePublishedOnceAcrossARestart() throws Exception {
		this.apps = new EnrichmentApps("schema");
		String[] learnMode = { "fleet.enrichment.schema.learn-records=3" };
		ConfigurableApplicationContext first = this.apps.start(learnMode);
		for (int i = 0; i < 3; i++) {
			this.apps.send(this.apps.status, "sc-1", "{\"ts\":" + (100 + i) + ",\"engine\":{\"rpm\":900,\"on\":true}}");
		}
		awaitCommitted();
		assertThat(EnrichmentApps.readAll(this.apps.schemaChanges)).as("learned silently").isEmpty();

		String changed = "{\"ts\":200,\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1.5}}}},\"engine\":{\"rpm\":\"high\"}}";
		this.apps.send(this.apps.status, "sc-1", changed);
		awaitCommitted();
		this.apps.send(this.apps.status, "sc-2", changed);
		awaitCommitted();
		List<JsonNode> events = events();
		assertThat(events)
			.extracting((event) -> event.get("kind").asString() + " " + event.get("path").asString() + " "
					+ (event.get("oldType").isNull() ? "null" : event.get("oldType").asString()) + "->"
					+ event.get("newType").asString())
			.containsExactlyInAnyOrder("NEW_PATH a.b.c.d.e null->number", "TYPE_CHANGED engine.rpm number->string");
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.get("topic").asString()).isEqualTo(this.apps.status);
			assertThat(event.get("firstSeen").asLong()).isEqualTo(200);
			assertThat(event.get("example").get("offset").asLong()).isEqualTo(3);
			assertThat(event.get("id").asString()).startsWith(this.apps.status + "|");
		});
		assertThat(first.getBean(MeterRegistry.class)
			.get("fleet.enrichment.schema.changes")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum()).isEqualTo(2.0);

		this.apps.stop(first);
		this.apps.start(learnMode);
		this.apps.send(this.apps.status, "sc-3", changed);
		awaitCommitted();
		assertThat(events()).as("nothing again after the restart").hasSize(2);
	}

	private void awaitCommitted() {
		await().atMost(Duration.ofSeconds(180)).until(() -> this.apps.lag() == 0);
	}

	private List<JsonNode> events() {
		List<ConsumerRecord<String, byte[]>> records = EnrichmentApps.readAll(this.apps.schemaChanges);
		assertThat(records).allSatisfy((record) -> assertThat(record.key()).isEqualTo(this.apps.status));
		return records.stream().map((record) -> MAPPER.readTree(record.value())).toList();
	}

}
