package io.fleetstream.alert.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.fleetstream.alert.delivery.AlertDelivery.DeliveryResult;
import io.fleetstream.alert.delivery.AlertDelivery.DeliveryResult.Rejected;
import io.fleetstream.alert.delivery.DeliveryLedger.Target;
import io.fleetstream.alert.delivery.SnsStandIn.MessageAttribute;
import io.fleetstream.alert.delivery.SnsStandIn.SnsRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import org.springframework.beans.factory.annotation.Autowired;

import static io.fleetstream.alert.delivery.DeliveryTestNotifications.TOPIC;
import static io.fleetstream.alert.delivery.DeliveryTestNotifications.firing;
import static io.fleetstream.alert.delivery.DeliveryTestNotifications.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The SNS delivery against a real redis-server and the SNS stand-in
 * ({@link SnsDeliveryTest}).
 */
class SnsAlertDeliveryIntegrationTests extends SnsDeliveryTest {

	@Autowired
	AlertDelivery delivery;

	@Autowired
	MeterRegistry meters;

	@Test
	void theClientIsConfiguredByTheStandardSpringCloudAwsProperties() {
		assertThat(this.delivery).isInstanceOf(SnsAlertDelivery.class);
		assertThat(this.snsClient.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
		assertThat(this.snsClient.serviceClientConfiguration().endpointOverride()).contains(sns.endpoint());
	}

	@Test
	void publishesExactlyTheRequestSnsExpects() {
		AlertNotification notification = notification("car-00042", "engine-overheating", "FIRING",
				Map.of("signal.engine.coolantTempC", 112.5, "ref.plate", "12가3456"));
		notification = new AlertNotification(notification.episodeId(), "FIRING", "car-00042", "engine-overheating",
				"warning", notification.eventTime(),
				"[{{severity}}] {{rule}}: {{carId}} at {{signal.engine.coolantTempC}} C",
				"{{description}}\nCar: {{carId}} ({{ref.plate}})\nSince: {{eventTime}}\nEpisode: {{episodeId}}",
				notification.values(), List.of());

		DeliveryResult result = this.delivery.deliver(List.of(notification));

		assertThat(result.rejected()).isEmpty();
		assertThat(sns.requests()).hasSize(1);
		SnsRequest request = sns.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.parametersWithoutAttributes())
			.containsExactlyInAnyOrderEntriesOf(Map.of("Action", "Publish", "Version", "2010-03-31", "TopicArn", TOPIC,
					"Subject", "[warning] engine-overheating: car-00042 at 112.5 C", "Message",
					"Engine coolant above 110 C\nCar: car-00042 (12가3456)\nSince: 2025-12-01T10:15:30.123Z\nEpisode: "
							+ notification.episodeId()));
		assertThat(request.messageAttributes()).containsExactlyInAnyOrderEntriesOf(
				Map.of("rule", string("engine-overheating"), "severity", string("warning"), "carId",
						string("car-00042"), "state", string("FIRING"), "episodeId", string(notification.episodeId())));
		// signed with the default chain's credentials, for the configured region
		assertThat(request.headers().get("authorization"))
			.startsWith("AWS4-HMAC-SHA256 Credential=AKIAFLEETSTREAMTEST/")
			.contains("/eu-west-1/sns/aws4_request");
		assertThat(this.redis.opsForHash()
			.get(DeliveryLedger.KEY_PREFIX + notification.notificationId(), TOPIC)
			.toString()).startsWith("sent:").endsWith(":" + request.messageId());
		assertThat(this.redis.getExpire(DeliveryLedger.KEY_PREFIX + notification.notificationId()))
			.isBetween(Duration.ofDays(14).minusMinutes(1).toSeconds(), Duration.ofDays(14).toSeconds());
	}

	@Test
	void aReplayPublishesNothingNewAlsoAfterARestart() {
		List<AlertNotification> batch = List.of(firing("car-1", "crash"), firing("car-2", "crash"),
				firing("car-3", "low-battery"));
		this.delivery.deliver(batch);
		assertThat(sns.published()).hasSize(3);
		double skippedBefore = count("duplicate-skipped", "crash");

		this.delivery.deliver(batch);
		// a new instance, as after a restart: only Redis remembers
		newDelivery().deliver(batch);

		assertThat(sns.requests()).hasSize(3);
		assertThat(count("duplicate-skipped", "crash") - skippedBefore).isEqualTo(4);
	}

	@Test
	void aDeliveryInterruptedBetweenIntentAndPublishIsPublishedOnceWhenRetried() {
		AlertNotification notification = firing("car-7", "overspeed");
		Target target = new Target(notification.notificationId(), TOPIC);
		// the interrupted attempt recorded its intent, then the process died before
		// publishing
		assertThat(ledger().recordIntents(List.of(target))).containsEntry(target, false);
		assertThat(this.redis.opsForHash().get(DeliveryLedger.KEY_PREFIX + notification.notificationId(), TOPIC))
			.asString()
			.startsWith("intent:");
		assertThat(sns.requests()).isEmpty();

		newDelivery().deliver(List.of(notification));
		this.delivery.deliver(List.of(notification));

		assertThat(sns.requests()).hasSize(1);
		assertThat(sns.published()).singleElement()
			.satisfies((request) -> assertThat(request.attribute("episodeId")).isEqualTo(notification.episodeId()));
	}

	@Test
	void anOutageOf10SecondsFailsTheBatchThenEveryNotificationIsPublishedExactlyOnce() {
		List<AlertNotification> before = List.of(firing("car-10", "crash"), firing("car-11", "crash"));
		this.delivery.deliver(before);
		List<AlertNotification> during = new ArrayList<>(before);
		during.add(firing("car-12", "crash"));
		during.add(firing("car-13", "low-tyre-pressure"));
		during.add(firing("car-12", "overspeed"));

		sns.respondWith500For(Duration.ofSeconds(10));
		long outageStart = System.nanoTime();
		AtomicInteger failedAttempts = new AtomicInteger();
		assertThatExceptionOfType(DeliveryUnavailableException.class).isThrownBy(() -> this.delivery.deliver(during))
			.withMessageContaining("InternalError");
		failedAttempts.incrementAndGet();
		// the pipeline's retries, until SNS is back
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			try {
				return this.delivery.deliver(during).rejected().isEmpty();
			}
			catch (DeliveryUnavailableException ex) {
				failedAttempts.incrementAndGet();
				return false;
			}
		});

		assertThat(Duration.ofNanos(System.nanoTime() - outageStart)).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
		assertThat(failedAttempts.get()).isGreaterThan(1);
		assertThat(sns.requests().stream().filter((request) -> request.messageId() == null)).isNotEmpty();
		Map<String, Long> publishesPerEpisode = sns.published()
			.stream()
			.collect(Collectors.groupingBy((request) -> request.attribute("episodeId"), Collectors.counting()));
		assertThat(publishesPerEpisode).containsOnlyKeys(during.stream().map(AlertNotification::episodeId).toList())
			.allSatisfy((episode, publishes) -> assertThat(publishes).as(episode).isEqualTo(1));
	}

	/**
	 * With SNS taking 300 ms per Publish, a batch of 8 cars' FIRING and RESOLVED is
	 * published 8 at a time (fleet.alert.sns.publish-concurrency, default 16), yet each
	 * car's RESOLVED is sent only after SNS answered its FIRING.
	 */
	@Test
	void differentCarsArePublishedInParallelOneCarsInOrder() {
		Duration latency = Duration.ofMillis(300);
		sns.respondAfter(latency);
		List<AlertNotification> batch = new ArrayList<>();
		for (int car = 0; car < 8; car++) {
			batch.add(notification("car-p" + car, "crash", "FIRING", Map.of()));
			batch.add(notification("car-p" + car, "crash", "RESOLVED", Map.of()));
		}
		long start = System.nanoTime();
		assertThat(this.delivery.deliver(batch).rejected()).isEmpty();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(sns.published()).hasSize(16);
		for (int car = 0; car < 8; car++) {
			String carId = "car-p" + car;
			List<SnsRequest> requests = sns.published()
				.stream()
				.filter((request) -> carId.equals(request.attribute("carId")))
				.toList();
			assertThat(requests).extracting((request) -> request.attribute("state"))
				.as(carId)
				.containsExactly("FIRING", "RESOLVED");
			assertThat(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()).as(carId)
				.isGreaterThanOrEqualTo(latency.toNanos());
		}
		// one after the other, the 16 publishes would take 16 x 300 ms = 4.8 s; 8 at a
		// time, two rounds (0.6 s) plus the SDK's and Redis's time
		assertThat(took).isLessThan(Duration.ofMillis(16 * 300 / 2));
	}

	@Test
	void throttlingIsTransient() {
		AlertNotification notification = firing("car-20", "overspeed");
		sns.respondThrottledFor(Duration.ofSeconds(3));
		assertThatExceptionOfType(DeliveryUnavailableException.class)
			.isThrownBy(() -> this.delivery.deliver(List.of(notification)))
			.withMessageContaining("Throttled");
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.ignoreException(DeliveryUnavailableException.class)
			.until(() -> this.delivery.deliver(List.of(notification)).rejected().isEmpty());
		assertThat(sns.published()).hasSize(1);
	}

	@Test
	void aPublishSnsRefusesIsReturnedRejectedWithTheReasonAndNotRetried() {
		AlertNotification good = firing("car-30", "crash");
		AlertNotification bad = firing("car-bad", "crash");
		sns.respondInvalidFor((request) -> "car-bad".equals(request.attribute("carId")));
		double rejectedBefore = count("rejected", "crash");

		DeliveryResult result = this.delivery.deliver(List.of(good, bad));

		assertThat(result.rejected()).singleElement().satisfies((rejected) -> {
			assertThat(rejected.notification()).isEqualTo(bad);
			assertThat(rejected.reason()).isEqualTo("sns-invalid-parameter");
			assertThat(rejected.detail())
				.isEqualTo("topic " + TOPIC + ": InvalidParameter: Invalid parameter: refused by the stand-in");
		});
		// one request for the refused one: neither the SDK nor the delivery retried it
		assertThat(sns.requests()).filteredOn((request) -> "car-bad".equals(request.attribute("carId"))).hasSize(1);
		assertThat(sns.published()).singleElement()
			.satisfies((request) -> assertThat(request.attribute("carId")).isEqualTo("car-30"));
		assertThat(count("rejected", "crash") - rejectedBefore).isEqualTo(1);
	}

	@Test
	void aMalformedTemplateIsRejectedWithoutCallingSns() {
		AlertNotification notification = firing("car-40", "crash");
		AlertNotification malformed = new AlertNotification(notification.episodeId(), "FIRING", "car-40", "crash",
				"critical", 0, "{{carId", null, Map.of(), List.of());
		assertThat(this.delivery.deliver(List.of(malformed)).rejected()).singleElement()
			.extracting(Rejected::reason)
			.isEqualTo("invalid-template");
		assertThat(sns.requests()).isEmpty();
	}

	@Test
	void aHostileDeviceValueYieldsAValidBoundedSubjectAndBody() {
		String hostile = "Doors\r\nSeverity: info\t<b>x</b> http://evil.example/a\u0007\u001b[31m\u202Eend\uD800"
				+ "A".repeat(10_000);
		String safe = "Doors Severity: info \u2039b\u203Ax\u2039/b\u203A http[:]//evil.example/a[31mend\uFFFD";
		Map<String, Object> signals = Map.of("signal.note", hostile, "ref.plate", "12가3456");
		AlertNotification base = notification("car-50\n<i>", "headlights-on", "FIRING", signals);
		AlertNotification notification = new AlertNotification(base.episodeId(), "FIRING", "car-50\n<i>",
				"headlights-on", "warning", base.eventTime(), "{{rule}}: {{signal.note}}",
				"Note: {{signal.note}}\nPlate: {{ref.plate}}", base.values(), List.of());

		assertThat(this.delivery.deliver(List.of(notification)).rejected()).isEmpty();

		SnsRequest request = sns.published().get(0);
		String expectedSubject = ("headlights-on: " + safe + "A".repeat(200)).substring(0, 98) + "\u2026";
		assertThat(request.subject()).isEqualTo(expectedSubject).hasSize(99);
		int maxValue = this.properties.sns().maxValueLength();
		assertThat(request.message())
			.isEqualTo("Note: " + (safe + "A".repeat(300)).substring(0, maxValue - 1) + "\u2026" + "\nPlate: 12가3456");
		assertThat(request.message().length()).isLessThanOrEqualTo(this.properties.sns().maxBodyLength());
		assertThat(request.attribute("carId")).isEqualTo("car-50 \u2039i\u203A");
	}

	@Test
	void aNotificationWithItsOwnTopicsIsPublishedToEachOnce() {
		String operations = "arn:aws:sns:eu-west-1:123456789012:fleet-operations";
		AlertNotification base = firing("car-60", "schema-change");
		AlertNotification notification = new AlertNotification(base.episodeId(), base.state(), base.carId(),
				base.ruleId(), base.severity(), base.eventTime(), base.subjectTemplate(), base.bodyTemplate(),
				base.values(), List.of(operations, TOPIC, operations));
		this.delivery.deliver(List.of(notification));
		this.delivery.deliver(List.of(notification));
		assertThat(sns.published()).extracting(SnsRequest::topicArn).containsExactlyInAnyOrder(operations, TOPIC);
	}

	@Test
	void publishesAreCountedByOutcomeRuleAndSeverityAndTimed() {
		double sentBefore = count("sent", "fuel-low");
		long timedBefore = this.meters.find("fleet.alert.sns.publish.duration")
			.tag("outcome", "sent")
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
		this.delivery.deliver(List.of(firing("car-70", "fuel-low"), firing("car-71", "fuel-low")));
		assertThat(count("sent", "fuel-low") - sentBefore).isEqualTo(2);
		assertThat(this.meters.get("fleet.alert.sns.publish.duration").tag("outcome", "sent").timer().count())
			.isEqualTo(timedBefore + 2);
		assertThat(this.meters.get("fleet.alert.delivery.sns.enabled").gauge().value()).isEqualTo(1);
	}

	private double count(String outcome, String rule) {
		var counter = this.meters.find("fleet.alert.sns.publishes")
			.tags("outcome", outcome, "rule", rule, "severity", "warning")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private DeliveryLedger ledger() {
		return new DeliveryLedger(this.asyncRedis, this.properties.sns().retention(), Duration.ofSeconds(5),
				java.time.Clock.systemUTC());
	}

	private SnsAlertDelivery newDelivery() {
		return new SnsAlertDelivery(this.snsClient, ledger(), this.properties.sns(),
				new DeliveryMetrics(this.meters, true));
	}

	private static MessageAttribute string(String value) {
		return new MessageAttribute("String", value);
	}

}
