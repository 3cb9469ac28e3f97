package io.fleetstream.enrichment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fleetstream.common.kafka.KafkaTopicLoader;
import io.fleetstream.common.kafka.RecordRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Status and GPS updates of a car the snapshot knows and of one it does not, through one
 * real instance (real broker, real redis-server): the enriched records, the state in
 * Redis and the REST API show the merged state (partial updates merged, an older signal
 * never over a newer one), and the join path reads nothing from Redis per record.
 */
class TelemetryJoinIntegrationTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	static EnrichmentApps apps;

	static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws Exception {
		apps = new EnrichmentApps("join");
		// no tick during the test: the commandstats window must see the join path only
		app = apps.start("fleet.pipeline.tick-interval=1h");
		app.getBean(MemoryCarSnapshots.class).put("join-known", Map.of("plate", "12가3456", "model", "Ioniq 5"));
	}

	@AfterAll
	static void stop() {
		apps.close();
	}

	@Test
	void knownAndUnknownCarsAreEnrichedAndTheirStateMerged() {
		apps.send(apps.status, "join-known",
				"{\"ts\":1000,\"engine\":{\"on\":true,\"oil\":{\"level\":\"NORMAL\"}},\"dtc\":[\"P1\",\"P2\"]}");
		apps.send(apps.gps, "join-known", "{\"lat\":37.5,\"lng\":127.0,\"ts\":1500,\"speed\":42.5}");
		apps.send(apps.status, "join-known", "{\"ts\":2000,\"engine\":{\"on\":false},\"dtc\":[\"P3\"]}");
		// older than the previous update: only its signal nobody sent later is taken
		apps.send(apps.status, "join-known", "{\"ts\":500,\"engine\":{\"on\":true},\"fuel\":{\"levelPct\":10}}");
		apps.send(apps.status, "join-unknown", "{\"ts\":3000,\"body\":{\"locked\":true}}");
		apps.send(apps.gps, "join-unknown", "{\"lat\":37.6,\"lng\":127.1,\"ts\":3100}");
		apps.send(apps.status, "join-bad", "{\"ts\":1000,\"x\":\"" + "y".repeat(2000) + "\"}");

		await().atMost(Duration.ofSeconds(60)).until(() -> EnrichmentApps.readAll(apps.enriched).size() >= 6);
		Map<String, String> expected = Map.of("engine.on", "false@2000", "engine.oil.level", "\"NORMAL\"@1000",
				"dtc[0]", "\"P3\"@2000", "gps.lat", "37.5@1500", "gps.lng", "127.0@1500", "gps.speedKmh", "42.5@1500",
				"fuel.levelPct", "10@500");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(EnrichmentApps.storedState("join-known")).isEqualTo(expected));
		assertThat(EnrichmentApps.storedState("join-unknown"))
			.isEqualTo(Map.of("body.locked", "true@3000", "gps.lat", "37.6@3100", "gps.lng", "127.1@3100"));

		List<ConsumerRecord<String, byte[]>> enriched = EnrichmentApps.readAll(apps.enriched);
		assertThat(enriched).hasSize(6);
		assertThat(enriched)
			.allSatisfy((record) -> assertThat(EnrichmentApps.header(record, KafkaTopicLoader.SOURCE_HEADER))
				.startsWith("it."));
		List<JsonNode> known = messages(enriched, "join-known");
		assertThat(known).hasSize(4).allSatisfy((message) -> {
			assertThat(message.get("referenceKnown").asBoolean()).isTrue();
			assertThat(message.get("reference").get("plate").asString()).isEqualTo("12가3456");
		});
		JsonNode last = known.get(known.size() - 1);
		assertThat(last.get("state").size()).isEqualTo(expected.size());
		List<JsonNode> unknown = messages(enriched, "join-unknown");
		assertThat(unknown).hasSize(2).allSatisfy((message) -> {
			assertThat(message.get("referenceKnown").asBoolean()).isFalse();
			assertThat(message.get("reference").isEmpty()).isTrue();
		});
		assertThat(app.getBean(MeterRegistry.class).get("fleet.enrichment.unknown.car").counter().count())
			.isEqualTo(2.0);

		List<ConsumerRecord<String, byte[]>> dead = EnrichmentApps.readAll(apps.status + "-dlt");
		assertThat(dead).extracting((record) -> EnrichmentApps.header(record, RecordRejectedException.REASON_HEADER))
			.containsExactly("string-too-long");

		RestClient api = RestClient.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
		JsonNode car = MAPPER.readTree(api.get().uri("/api/v1/cars/join-known").retrieve().body(String.class));
		assertThat(car.get("reference").get("model").asString()).isEqualTo("Ioniq 5");
		assertThat(car.get("state").get("signals").get("engine.on").get("value").asBoolean()).isFalse();
		JsonNode state = MAPPER
			.readTree(api.get().uri("/api/v1/cars/join-unknown/state").retrieve().body(String.class));
		assertThat(state.get("signals").get("gps.lat").get("eventTime").asLong()).isEqualTo(3100);
		assertThat(status(api, "/api/v1/cars/nobody-at-all")).isEqualTo(404);
		assertThat(status(api, "/api/v1/cars/bad%20id")).isEqualTo(400);
		JsonNode schema = MAPPER
			.readTree(api.get().uri("/api/v1/schemas/" + apps.status).retrieve().body(String.class));
		assertThat(schema.get("paths").values())
			.extracting((path) -> path.get("path").asString() + ":" + path.get("type").asString())
			.contains("engine.oil.level:string", "dtc[0]:string", "fuel.levelPct:number");
	}

	@Test
	void theJoinReadsNothingFromRedisPerRecord() {
		int cars = 20;
		int records = 400;
		for (int i = 0; i < cars; i++) {
			apps.send(apps.status, "cs-" + i, "{\"ts\":1,\"engine\":{\"rpm\":0}}");
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> EnrichmentApps.storedState("cs-" + (cars - 1)).containsKey("engine.rpm"));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> EnrichmentApps.storedState("cs-0").containsKey("engine.rpm"));
		Map<String, Long> before = EnrichmentApps.commandCalls();
		for (int i = 0; i < records; i++) {
			apps.send(apps.status, "cs-" + (i % cars), "{\"ts\":" + (10 + i) + ",\"engine\":{\"rpm\":" + i + "}}");
		}
		// waits on the enriched topic, published after the Redis write: polling Redis
		// would count
		await().atMost(Duration.ofSeconds(180))
			.until(() -> EnrichmentApps.readAll(apps.enriched)
				.stream()
				.filter((record) -> record.key().startsWith("cs-"))
				.count() >= cars + records);
		Map<String, Long> after = EnrichmentApps.commandCalls();
		long scriptCallsInWindow = delta(before, after, "evalsha") + delta(before, after, "eval");
		for (String read : List.of("hgetall", "hget", "hmget", "get", "mget", "smembers", "exists", "scan")) {
			// hget (removals) and hmget (the stored times of a change's signals, one per
			// call) run inside the write script too, and the server counts them: those
			// are allowed one per script call. The server's counts are global: a bulk
			// load on a partition assignment of the cdc or telemetry route (a few calls,
			// once) may fall in the window; a read per record would be one per record at
			// least
			long fromScripts = (read.equals("hget") || read.equals("hmget")) ? scriptCallsInWindow : 0;
			assertThat(delta(before, after, read) - fromScripts).as("%s calls during %d records", read, records)
				.isLessThan(records / 40);
		}
		assertThat(EnrichmentApps.storedState("cs-" + ((records - 1) % cars))).containsEntry("engine.rpm",
				(records - 1) + "@" + (10 + records - 1));
		long scriptCalls = delta(before, after, "evalsha") + delta(before, after, "eval");
		assertThat(scriptCalls).as("one state write per changed car and batch")
			.isPositive()
			.isLessThanOrEqualTo(records);
	}

	private static long delta(Map<String, Long> before, Map<String, Long> after, String command) {
		return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
	}

	private static int status(RestClient api, String uri) {
		ResponseEntity<String> response = api.get()
			.uri(uri)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, reply) -> {
			})
			.toEntity(String.class);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		return response.getStatusCode().value();
	}

	private static List<JsonNode> messages(List<ConsumerRecord<String, byte[]>> records, String carId) {
		return records.stream()
			.filter((record) -> carId.equals(record.key()))
			.sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
			.map((record) -> MAPPER.readTree(record.value()))
			.toList();
	}

}
