package io.fleetstream.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fleetstream.alert.delivery.AlertDelivery;
import io.fleetstream.alert.delivery.SnsAlertDelivery;
import io.fleetstream.alert.delivery.SnsStandIn;
import io.fleetstream.alert.delivery.SnsStandIn.MessageAttribute;
import io.fleetstream.alert.delivery.SnsStandIn.SnsRequest;
import io.fleetstream.alert.evaluation.EpisodeIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * alert-service as it ships, in SNS mode: the real application with a topic ARN and an
 * operations topic ARN, Spring Cloud AWS's SNS client pointed at the {@link SnsStandIn}
 * ({@code spring.cloud.aws.sns.endpoint}), enriched records and schema changes on the
 * real broker, state in the real redis-server. What the AWS SDK sent is asserted request
 * by request.
 */
class AlertSnsEndToEndTests {

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:fleet-alerts";

	private static final String OPERATIONS = "arn:aws:sns:eu-west-1:123456789012:fleet-operations";

	private final SnsStandIn sns = SnsStandIn.start();

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	// recent enough that vehicle-silent (15 min, wall clock) cannot fire during a slow
	// run
	private final long t0 = System.currentTimeMillis() - 120_000;

	private final String enriched = AlertApps.unique("it.sns.enriched");

	private final String outlier = AlertApps.unique("it.sns.alerts");

	private final String schemaChanges = AlertApps.unique("it.sns.schema-changes");

	@AfterEach
	void stop() {
		this.apps.forEach(ConfigurableApplicationContext::close);
		this.sns.stop();
	}

	/**
	 * Two cars crash and recover, a schema change arrives twice (enrichment-service's own
	 * crash window): exactly five publishes, each the exact request SNS expects. Then a
	 * second instance in a new consumer group replays both topics from the earliest
	 * offset over the same Redis: zero new requests, zero new outlier records.
	 */
	@Test
	void eachTransitionIsPublishedOnceAsSnsExpectsAndAReplayPublishesNothing() throws Exception {
		AlertApps.createTopics(this.enriched, this.outlier, this.schemaChanges);
		String firstGroup = AlertApps.unique("it-sns-first");
		ConfigurableApplicationContext first = start(firstGroup);
		assertThat(first.getBean(AlertDelivery.class)).isInstanceOf(SnsAlertDelivery.class);
		String a = AlertApps.unique("sns-a");
		String b = AlertApps.unique("sns-b");
		String path = "engine.oil.p" + AlertApps.unique("x").substring(2);
		String[] change = AlertApps.newPath("cars.status.json", path, 1764584130123L);
		AlertApps.produce(this.enriched, List.of(crash(a, 0, false), crash(b, 0, false), crash(a, 10, true),
				crash(b, 20, true), crash(a, 30, false), crash(b, 40, false)));
		AlertApps.produce(this.schemaChanges, List.<String[]>of(change, change));

		await().atMost(WAIT).untilAsserted(() -> assertThat(this.sns.published()).hasSize(5));
		await().atMost(WAIT)
			.until(() -> AlertApps.caughtUp(firstGroup, this.enriched)
					&& AlertApps.caughtUp(firstGroup, this.schemaChanges));
		assertThat(this.sns.requests()).as("every request was answered with a MessageId").hasSize(5);
		assertCrashRequest(a, 10, 10, "FIRING", true);
		assertCrashRequest(a, 10, 30, "RESOLVED", false);
		assertCrashRequest(b, 20, 20, "FIRING", true);
		assertCrashRequest(b, 20, 40, "RESOLVED", false);
		String schemaEpisode = EpisodeIds.of("cars.status.json|" + path + "|number", "schema-change", 1764584130123L);
		assertThat(this.sns.published()).filteredOn((request) -> schemaEpisode.equals(request.attribute("episodeId")))
			.singleElement()
			.satisfies((request) -> {
				assertThat(request.parametersWithoutAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("Action",
						"Publish", "Version", "2010-03-31", "TopicArn", OPERATIONS, "Subject",
						("Schema change on cars.status.json: new path " + path + " (number)"), "Message",
						"enrichment-service saw a schema change on cars.status.json at 2025-12-01T10:15:30.123Z: new path "
								+ path
								+ " (number).\nExample record: partition 3, offset 123456.\nChange cars.status.json|"
								+ path + "|number. Episode " + schemaEpisode + "."));
				assertThat(request.messageAttributes()).containsExactlyInAnyOrderEntriesOf(
						Map.of("rule", string("schema-change"), "severity", string("INFO"), "carId", string("(none)"),
								"state", string("FIRING"), "episodeId", string(schemaEpisode)));
			});
		int outlierRecords = AlertApps.values(this.outlier).size();
		assertThat(outlierRecords).as("outlier records: 4 car transitions, the schema change once or twice")
			.isBetween(5, 6);
		first.close();

		String replayGroup = AlertApps.unique("it-sns-replay");
		start(replayGroup);
		await().atMost(WAIT)
			.until(() -> AlertApps.caughtUp(replayGroup, this.enriched)
					&& AlertApps.caughtUp(replayGroup, this.schemaChanges));
		assertThat(this.sns.requests()).as("SNS requests after the replay").hasSize(5);
		assertThat(AlertApps.values(this.outlier)).as("outlier records after the replay").hasSize(outlierRecords);
	}

	/**
	 * With the service consuming (a first crash published), SNS answers every request
	 * with 500 for 10 s while three cars crash and recover: once it recovers every one of
	 * the six transitions is published, each exactly once, and the offsets are committed
	 * past them.
	 */
	@Test
	void snsFailingFor10SecondsLosesNoAlertAndDuplicatesNone() throws Exception {
		AlertApps.createTopics(this.enriched, this.outlier, this.schemaChanges);
		String group = AlertApps.unique("it-sns-outage");
		start(group);
		String warmUp = AlertApps.unique("sns-w");
		AlertApps.produce(this.enriched, List.<String[]>of(crash(warmUp, 0, true)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.sns.published()).hasSize(1));

		this.sns.respondWith500For(Duration.ofSeconds(10));
		Instant outageEnds = Instant.now().plusSeconds(10);
		List<String> cars = List.of(AlertApps.unique("sns-c"), AlertApps.unique("sns-d"), AlertApps.unique("sns-e"));
		List<String[]> records = new ArrayList<>();
		cars.forEach((car) -> records.add(crash(car, 0, true)));
		cars.forEach((car) -> records.add(crash(car, 5, false)));
		AlertApps.produce(this.enriched, records);
		Set<String> expected = cars.stream()
			.flatMap((car) -> Set.of(episode(car, 0) + ":FIRING", episode(car, 0) + ":RESOLVED").stream())
			.collect(Collectors.toSet());

		await().atMost(WAIT).untilAsserted(() -> assertThat(notifications()).containsAll(expected));
		await().atMost(WAIT).until(() -> AlertApps.caughtUp(group, this.enriched));
		assertThat(Instant.now()).isAfter(outageEnds);
		assertThat(this.sns.requests()).as("requests answered 500 during the outage")
			.filteredOn((request) -> request.messageId() == null)
			.isNotEmpty()
			.allSatisfy((request) -> assertThat(request.attribute("carId")).isIn(cars));
		Map<String, Long> publishes = this.sns.published()
			.stream()
			.filter((request) -> !warmUp.equals(request.attribute("carId")))
			.collect(Collectors.groupingBy(
					(request) -> request.attribute("episodeId") + ":" + request.attribute("state"),
					Collectors.counting()));
		assertThat(publishes).containsOnlyKeys(expected).allSatisfy((id, count) -> assertThat(count).as(id).isOne());
		assertThat(AlertApps.values(this.outlier).stream().filter((value) -> !value.contains(warmUp)))
			.as("outlier records")
			.hasSizeGreaterThanOrEqualTo(6);
	}

	private ConfigurableApplicationContext start(String group) {
		ConfigurableApplicationContext app = AlertApps
			.startAsShipped(AlertApps.argumentsWithSchemaTopic(this.enriched, this.outlier, this.schemaChanges, group,
					"--fleet.alert.sns.topic-arn=" + TOPIC, "--fleet.alert.sns.operations-topic-arn=" + OPERATIONS,
					"--spring.cloud.aws.sns.endpoint=" + this.sns.endpoint(),
					"--spring.cloud.aws.region.static=eu-west-1"));
		this.apps.add(app);
		return app;
	}

	private List<String> notifications() {
		return this.sns.published()
			.stream()
			.map((request) -> request.attribute("episodeId") + ":" + request.attribute("state"))
			.toList();
	}

	private void assertCrashRequest(String car, long startSeconds, long atSeconds, String state, boolean crashed) {
		String episode = episode(car, startSeconds);
		String eventTime = Instant.ofEpochMilli(this.t0 + atSeconds * 1000).toString();
		assertThat(this.sns.published()).filteredOn(
				(request) -> episode.equals(request.attribute("episodeId")) && state.equals(request.attribute("state")))
			.singleElement()
			.satisfies((request) -> {
				assertThat(request.method()).isEqualTo("POST");
				assertThat(request.parametersWithoutAttributes())
					.containsExactlyInAnyOrderEntriesOf(Map.of("Action", "Publish", "Version", "2010-03-31", "TopicArn",
							TOPIC, "Subject", "[" + state + "] CRASH: car " + car, "Message",
							"Car " + car + " (12가3456) reported a crash (crash flag " + crashed + ", airbag false) at "
									+ eventTime + ", at 37.5665,126.978.\nState: " + state + ". Episode " + episode
									+ "."));
				assertThat(request.messageAttributes()).containsExactlyInAnyOrderEntriesOf(
						Map.of("rule", string("crash-detected"), "severity", string("CRITICAL"), "carId", string(car),
								"state", string(state), "episodeId", string(episode)));
				assertThat(request.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=")
					.contains("/eu-west-1/sns/aws4_request");
			});
	}

	private String[] crash(String carId, long secondsAfterT0, boolean crashed) {
		return AlertApps.enriched(carId, this.t0 + secondsAfterT0 * 1000,
				Map.of("safety.crashDetected", crashed, "safety.airbagDeployed", false, "engine.on", true, "speedKmh",
						0.0, "gps.lat", 37.5665, "gps.lng", 126.978));
	}

	private String episode(String carId, long secondsAfterT0) {
		return carId + "~crash-detected~" + (this.t0 + secondsAfterT0 * 1000);
	}

	private static MessageAttribute string(String value) {
		return new MessageAttribute("String", value);
	}

}
