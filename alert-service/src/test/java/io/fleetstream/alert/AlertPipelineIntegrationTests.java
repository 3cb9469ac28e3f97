package io.fleetstream.alert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.rules.InvalidRuleException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * alert-service end to end in this JVM: enriched records on the real broker, state in the
 * real redis-server, the delivery recorded by {@link RecordingDelivery}.
 */
class AlertPipelineIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	// recent enough that vehicle-silent (15 min, wall clock) cannot fire during a slow
	// run
	private final long t0 = System.currentTimeMillis() - 120_000;

	@AfterEach
	void stopApps() {
		this.apps.forEach(ConfigurableApplicationContext::close);
	}

	private ConfigurableApplicationContext start(List<String> arguments) {
		ConfigurableApplicationContext app = AlertApps.start(arguments);
		this.apps.add(app);
		return app;
	}

	private String[] crash(String carId, long secondsAfterT0, boolean crashed) {
		return AlertApps.enriched(carId, this.t0 + secondsAfterT0 * 1000,
				Map.of("safety.crashDetected", crashed, "engine.on", true, "speedKmh", 0.0));
	}

	/**
	 * After a run that fired and resolved two cars' episodes (4 notifications), a second
	 * instance in a new consumer group replays the topic from the earliest offset over
	 * the same Redis: 0 new deliver() calls, 0 new outlier records.
	 */
	@Test
	void replayFromTheEarliestOffsetNotifiesNothingAgain() throws Exception {
		String enriched = AlertApps.unique("it.replay.enriched");
		String outlier = AlertApps.unique("it.replay.alerts");
		AlertApps.createTopics(enriched, outlier);
		String firstGroup = AlertApps.unique("it-replay-first");
		ConfigurableApplicationContext first = start(AlertApps.arguments(enriched, outlier, firstGroup));
		String a = AlertApps.unique("replay-a");
		String b = AlertApps.unique("replay-b");
		AlertApps.produce(enriched, List.of(crash(a, 0, false), crash(b, 0, false), crash(a, 10, true),
				crash(b, 20, true), crash(a, 30, false), crash(b, 40, false), crash(a, 50, false)));
		RecordingDelivery firstDelivery = AlertApps.delivery(first);
		await().atMost(WAIT).untilAsserted(() -> assertThat(firstDelivery.ids()).hasSize(4));
		await().atMost(WAIT).until(() -> AlertApps.caughtUp(firstGroup, enriched));
		assertThat(firstDelivery.ids()).containsExactlyInAnyOrder(episode(a, 10) + ":FIRING",
				episode(a, 10) + ":RESOLVED", episode(b, 20) + ":FIRING", episode(b, 20) + ":RESOLVED");
		assertThat(AlertApps.values(outlier)).hasSize(4);
		first.close();

		String replayGroup = AlertApps.unique("it-replay-second");
		ConfigurableApplicationContext replay = start(AlertApps.arguments(enriched, outlier, replayGroup));
		await().atMost(WAIT).until(() -> AlertApps.caughtUp(replayGroup, enriched));
		assertThat(AlertApps.delivery(replay).ids()).as("deliver() calls on the replay").isEmpty();
		assertThat(AlertApps.values(outlier)).as("outlier records after the replay").hasSize(4);
	}

	/**
	 * A silence for car B (any rule): B's crash is recorded and published with
	 * silenced=true but not handed to the delivery, while car A's crash at the same time
	 * is; once the silence is deleted, B's resolution is e-mailed again.
	 */
	@Test
	void aSilenceMutesExactlyThatCarsNotificationsUntilItEnds() throws Exception {
		String enriched = AlertApps.unique("it.silence.enriched");
		String outlier = AlertApps.unique("it.silence.alerts");
		AlertApps.createTopics(enriched, outlier);
		ConfigurableApplicationContext app = start(
				AlertApps.arguments(enriched, outlier, AlertApps.unique("it-silence")));
		RestClient api = AlertApps.api(app);
		String a = AlertApps.unique("silence-a");
		String b = AlertApps.unique("silence-b");
		Map<?, ?> silence = api.post()
			.uri("/api/v1/silences")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("carId", b, "endsAt", Instant.now().plusSeconds(3600).toString(), "comment", "in the workshop",
					"createdBy", "ops@example.com"))
			.retrieve()
			.body(Map.class);
		AlertApps.produce(enriched, List.of(crash(a, 0, true), crash(b, 0, true)));
		RecordingDelivery delivery = AlertApps.delivery(app);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(AlertApps.values(outlier)).hasSize(2)
				.anySatisfy((value) -> assertThat(value).contains(b).contains("\"silenced\":true"))
				.anySatisfy((value) -> assertThat(value).contains(a).contains("\"silenced\":false")));
		assertThat(delivery.ids()).containsExactly(episode(a, 0) + ":FIRING");
		Map<?, ?> stored = api.get().uri("/api/v1/alerts/{id}", episode(b, 0)).retrieve().body(Map.class);
		assertThat(stored.get("silenced")).isEqualTo(true);
		assertThat(stored.get("silenceId")).isEqualTo(silence.get("id"));

		api.delete().uri("/api/v1/silences/{id}", silence.get("id")).retrieve().toBodilessEntity();
		AlertApps.produce(enriched, List.<String[]>of(crash(b, 10, false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(delivery.ids()).containsExactly(episode(a, 0) + ":FIRING",
					episode(b, 0) + ":RESOLVED"));
	}

	/**
	 * An acknowledgement is in Redis and on the outlier topic: a restarted instance shows
	 * who and when, and its record of the episode's resolution carries it.
	 */
	@Test
	void anAcknowledgementSurvivesARestart() throws Exception {
		String enriched = AlertApps.unique("it.ack.enriched");
		String outlier = AlertApps.unique("it.ack.alerts");
		AlertApps.createTopics(enriched, outlier);
		List<String> arguments = AlertApps.arguments(enriched, outlier, AlertApps.unique("it-ack"));
		ConfigurableApplicationContext first = start(arguments);
		String car = AlertApps.unique("ack");
		AlertApps.produce(enriched, List.<String[]>of(crash(car, 0, true)));
		RecordingDelivery delivery = AlertApps.delivery(first);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(delivery.ids()).containsExactly(episode(car, 0) + ":FIRING"));
		Map<?, ?> acknowledged = AlertApps.api(first)
			.post()
			.uri("/api/v1/alerts/{id}/ack", episode(car, 0))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("by", "kim@example.com", "comment", "driver called"))
			.retrieve()
			.body(Map.class);
		assertThat(acknowledged.get("acknowledgement")).asString().contains("kim@example.com");
		// the outlier topic: the firing, then the episode again with its acknowledgement
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(AlertApps.values(outlier)).hasSize(2)
				.last()
				.asString()
				.contains("\"episodeId\":\"" + episode(car, 0) + "\"")
				.contains("\"state\":\"FIRING\"")
				.contains("\"by\":\"kim@example.com\"")
				.contains("\"comment\":\"driver called\""));
		assertThat(AlertApps.values(outlier).get(0)).contains("\"acknowledgement\":null");
		first.close();

		ConfigurableApplicationContext second = start(arguments);
		Map<?, ?> after = AlertApps.api(second)
			.get()
			.uri("/api/v1/alerts/{id}", episode(car, 0))
			.retrieve()
			.body(Map.class);
		assertThat(acknowledgement(after)).containsEntry("by", "kim@example.com")
			.containsEntry("comment", "driver called")
			.containsKey("at");
		assertThat(after.get("state")).isEqualTo("FIRING");

		// the resolution, by the restarted instance, carries the acknowledgement too
		AlertApps.produce(enriched, List.<String[]>of(crash(car, 10, false)));
		RecordingDelivery secondDelivery = AlertApps.delivery(second);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(secondDelivery.ids()).containsExactly(episode(car, 0) + ":RESOLVED"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(AlertApps.values(outlier)).hasSize(3)
				.last()
				.asString()
				.contains("\"state\":\"RESOLVED\"")
				.contains("\"by\":\"kim@example.com\""));
	}

	/**
	 * A schema change from enrichment-service is one notification of the schema-change
	 * rule, to the operations topic, recorded in the API and published to the outlier
	 * topic; a malformed event is dead-lettered with its reason and nothing else happens.
	 */
	@Test
	void aSchemaChangeIsOneNotificationToTheOperationsTopicAndAMalformedOneIsDeadLettered() throws Exception {
		String enriched = AlertApps.unique("it.schema.enriched");
		String outlier = AlertApps.unique("it.schema.alerts");
		String schemaChanges = AlertApps.unique("it.schema.changes");
		AlertApps.createTopics(enriched, outlier, schemaChanges);
		String operations = "arn:aws:sns:eu-west-1:123456789012:fleet-operations";
		ConfigurableApplicationContext app = start(AlertApps.argumentsWithSchemaTopic(enriched, outlier, schemaChanges,
				AlertApps.unique("it-schema"), "--fleet.alert.sns.operations-topic-arn=" + operations));
		String path = "body.lights.fog" + AlertApps.unique("x").substring(2);
		AlertApps.produce(schemaChanges, List.of(new String[] { "cars.status.json", "{\"id\":\"no-topic\"}" },
				AlertApps.newPath("cars.status.json", path, this.t0)));
		RecordingDelivery delivery = AlertApps.delivery(app);

		await().atMost(WAIT).untilAsserted(() -> assertThat(delivery.delivered()).singleElement().satisfies((n) -> {
			assertThat(n.ruleId()).isEqualTo("schema-change");
			assertThat(n.state()).isEqualTo("FIRING");
			assertThat(n.carId()).isNull();
			assertThat(n.topicArns()).containsExactly(operations);
			assertThat(n.values()).containsEntry("change.path", path).containsEntry("change.kind", "NEW_PATH");
		}));
		String episodeId = delivery.delivered().get(0).episodeId();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(AlertApps.values(outlier)).singleElement()
				.asString()
				.contains("\"episodeId\":\"" + episodeId + "\"")
				.contains("\"ruleId\":\"schema-change\"")
				.contains("\"carId\":null")
				.contains("\"path\":\"" + path + "\""));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(AlertApps.readAll(schemaChanges + "-dlt")).singleElement()
				.satisfies((record) -> assertThat(
						new String(record.headers().lastHeader("fleet_dlt-reason").value(), StandardCharsets.UTF_8))
					.isEqualTo("missing-topic")));
		Map<?, ?> stored = AlertApps.api(app).get().uri("/api/v1/alerts/{id}", episodeId).retrieve().body(Map.class);
		assertThat(stored.get("ruleId")).isEqualTo("schema-change");
		assertThat(stored.get("carId")).isNull();
		assertThat(delivery.delivered()).hasSize(1);
	}

	@Test
	void aBadRuleInConfigurationStopsTheStartUpNamingTheRule() {
		List<String> arguments = AlertApps.arguments("it.bad.enriched", "it.bad.alerts", "it-bad",
				"--fleet.alert.rules.tyre-typo.condition=state.minNumber('tires.', 0.0) < 1.0",
				"--fleet.alert.rules.tyre-typo.for=5 minutes");
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> start(arguments))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOf(InvalidRuleException.class)
				.hasMessageContaining("rule 'tyre-typo': 'for' is not a duration")
				.hasMessageContaining("rule 'tyre-typo': condition does not compile")
				.hasMessageContaining("undeclared reference to 'minNumber'"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> acknowledgement(Map<?, ?> episode) {
		return (Map<String, Object>) episode.get("acknowledgement");
	}

	private String episode(String carId, long secondsAfterT0) {
		return carId + "~crash-detected~" + (this.t0 + secondsAfterT0 * 1000);
	}

}
