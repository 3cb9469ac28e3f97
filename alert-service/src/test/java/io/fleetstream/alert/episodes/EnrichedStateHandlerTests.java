package io.fleetstream.alert.episodes;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.fleetstream.alert.evaluation.EnrichedState;
import io.fleetstream.common.pipeline.Handled;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cars.enriched.json} records (docs/enriched-message.md) are read, as a token
 * stream, into the values the rules read, with the types CEL works with; malformed ones
 * are rejected with a reason (and dead-lettered by the pipeline).
 */
class EnrichedStateHandlerTests {

	private final UnreadRecords unread = new UnreadRecords();

	private final EnrichedStateHandler handler = new EnrichedStateHandler(true, this.unread);

	@Test
	void aRecordAsEnrichmentWritesItIsReadWithTypedValues() {
		EnrichedState state = accepted("car-1", """
				{"carId":"car-1","eventTime":1764584130123,"processingTime":1764584130200,
				 "source":{"topic":"cars.status.json","partition":3,"offset":17},"changed":["engine.on","speedKmh"],
				 "state":{"engine.on":true,"safety.crashDetected":false,"speedKmh":42.5,"odometerKm":120345,
				          "body.lights.headlights":"ON","gps.heading":null,"big":123456789012345678901234567890,
				          "dtc":[],"extra":{}},
				 "stateTimes":{"engine.on":1764584130000,"speedKmh":1764584130123,"bad":"x","frac":1.5},
				 "reference":{"plate":"12가3456","seats":5},"referenceKnown":true}""");
		assertThat(state.carId()).isEqualTo("car-1");
		assertThat(state.eventTime()).isEqualTo(1764584130123L);
		Map<String, Object> expected = new HashMap<>();
		expected.put("engine.on", true);
		expected.put("safety.crashDetected", false);
		expected.put("speedKmh", 42.5);
		expected.put("odometerKm", 120345L);
		expected.put("body.lights.headlights", "ON");
		expected.put("gps.heading", null);
		expected.put("big", 1.2345678901234568E29);
		expected.put("dtc", "[]");
		expected.put("extra", "{}");
		assertThat(state.signals()).isEqualTo(expected);
		assertThat(state.signals().get("odometerKm")).isInstanceOf(Long.class);
		assertThat(state.signalTimes()).isEqualTo(Map.of("engine.on", 1764584130000L, "speedKmh", 1764584130123L));
		assertThat(state.reference()).isEqualTo(Map.of("plate", "12가3456", "seats", 5L));
		assertThat(state.changed()).containsExactly("engine.on", "speedKmh");
	}

	@Test
	void stateTimesAreSkippedWhenNoRuleReadsThem() {
		EnrichedStateHandler withoutTimes = new EnrichedStateHandler(false, this.unread);
		Handled<EnrichedState> handled = withoutTimes.handle(record("car-1", """
				{"eventTime":1,"changed":["a"],"state":{"a":1},"stateTimes":{"a":1}}"""));
		assertThat(handled).isInstanceOfSatisfying(Handled.Accepted.class, (accepted) -> {
			EnrichedState state = (EnrichedState) accepted.value();
			assertThat(state.signals()).isEqualTo(Map.of("a", 1L));
			assertThat(state.signalTimes()).isEmpty();
			assertThat(state.changed()).containsExactly("a");
		});
	}

	@Test
	void aChangedListThatIsMissingOrNotAllStringsMeansEveryPathMayHaveChanged() {
		assertThat(accepted("car-1", "{\"eventTime\":1,\"state\":{}}").changed()).isNull();
		assertThat(accepted("car-1", "{\"eventTime\":1,\"changed\":[\"a\",7,{\"b\":1}],\"state\":{}}").changed())
			.isNull();
		assertThat(accepted("car-1", "{\"eventTime\":1,\"changed\":\"a\",\"state\":{}}").changed()).isNull();
		assertThat(accepted("car-1", "{\"eventTime\":1,\"changed\":[],\"state\":{}}").changed()).isEmpty();
	}

	@Test
	void aRejectedRecordOfACarIsToldToTheLoaderSoItsNextRecordEvaluatesEveryRule() {
		TopicPartition partition = new TopicPartition("cars.enriched.json", 0);
		assertThat(this.unread.missedBefore(partition, "car-1", 1)).isFalse();
		rejected("car-1", "not json");
		assertThat(this.unread.missedBefore(partition, "car-1", 1)).isTrue();
		assertThat(this.unread.missedBefore(partition, "car-2", 1)).isFalse();
	}

	@Test
	void stateTimesAndReferenceAreOptionalAndFieldsMayComeInAnyOrder() {
		EnrichedState state = accepted("car-2", """
				{"state":{"engine.on":false},"unknown":{"nested":[1,{"a":2}]},"eventTime":5}""");
		assertThat(state.eventTime()).isEqualTo(5L);
		assertThat(state.signals()).isEqualTo(Map.of("engine.on", false));
		assertThat(state.signalTimes()).isEmpty();
		assertThat(state.reference()).isEmpty();
	}

	@Test
	void aFieldGivenTwiceCountsWithItsLastValueAsInAJsonTree() {
		EnrichedState state = accepted("car-3", """
				{"eventTime":1,"state":{"a":1},"eventTime":2,"state":{"b":2}}""");
		assertThat(state.eventTime()).isEqualTo(2L);
		assertThat(state.signals()).isEqualTo(Map.of("b", 2L));
		assertThat(rejected("car-3", "{\"eventTime\":1,\"state\":{\"a\":1},\"state\":7}").reason())
			.isEqualTo("missing-state");
	}

	@Test
	void aRecordWithoutAKeyIsRejected() {
		assertThat(rejected(null, "{\"eventTime\":1,\"state\":{}}").reason()).isEqualTo("missing-car-id");
		assertThat(rejected(" ", "{\"eventTime\":1,\"state\":{}}").reason()).isEqualTo("missing-car-id");
	}

	@Test
	void aValueThatIsNotOneJsonObjectIsRejected() {
		assertThat(rejected("car-1", "not json")).satisfies((rejected) -> {
			assertThat(rejected.reason()).isEqualTo("invalid-json");
			assertThat(rejected.detail()).startsWith("The value is not JSON: ");
		});
		assertThat(rejected("car-1", "[1,2]").detail()).isEqualTo("The value is not a JSON object");
		assertThat(rejected("car-1", "").detail()).isEqualTo("The value is not a JSON object");
		assertThat(rejected("car-1", (String) null).detail()).isEqualTo("The value is not a JSON object");
		assertThat(rejected("car-1", "{\"eventTime\":1,\"state\":{\"a\":").reason()).isEqualTo("invalid-json");
		assertThat(rejected("car-1", "{\"eventTime\":1,\"state\":{}} {}").reason()).isEqualTo("invalid-json");
	}

	@Test
	void anEventTimeThatIsNotIntegralEpochMillisecondsIsRejectedShowingWhatWasSent() {
		assertThat(rejected("car-1", "{\"state\":{}}")).satisfies((rejected) -> {
			assertThat(rejected.reason()).isEqualTo("missing-event-time");
			assertThat(rejected.detail()).isEqualTo("eventTime must be epoch milliseconds, was null");
		});
		assertThat(rejected("car-1", "{\"eventTime\":\"1764584130123\",\"state\":{}}").detail())
			.isEqualTo("eventTime must be epoch milliseconds, was \"1764584130123\"");
		assertThat(rejected("car-1", "{\"eventTime\":1.5,\"state\":{}}").detail())
			.isEqualTo("eventTime must be epoch milliseconds, was 1.5");
		assertThat(rejected("car-1", "{\"eventTime\":{\"ms\":1},\"state\":{}}").detail())
			.isEqualTo("eventTime must be epoch milliseconds, was {\"ms\":1}");
		assertThat(rejected("car-1", "{\"eventTime\":123456789012345678901234567890,\"state\":{}}").reason())
			.isEqualTo("missing-event-time");
	}

	@Test
	void aStateThatIsNotAnObjectIsRejected() {
		assertThat(rejected("car-1", "{\"eventTime\":1}").reason()).isEqualTo("missing-state");
		assertThat(rejected("car-1", "{\"eventTime\":1,\"state\":[1]}").reason()).isEqualTo("missing-state");
		assertThat(rejected("car-1", "{\"eventTime\":1,\"state\":null}").detail())
			.isEqualTo("state must be an object of flattened signals");
	}

	private EnrichedState accepted(String key, String value) {
		Handled<EnrichedState> handled = this.handler.handle(record(key, value));
		assertThat(handled).isInstanceOf(Handled.Accepted.class);
		Handled.Accepted<EnrichedState> accepted = (Handled.Accepted<EnrichedState>) handled;
		assertThat(accepted.eventTimeMs()).isEqualTo(accepted.value().eventTime());
		return accepted.value();
	}

	private Handled.Rejected<EnrichedState> rejected(String key, String value) {
		Handled<EnrichedState> handled = this.handler.handle(record(key, value));
		assertThat(handled).isInstanceOf(Handled.Rejected.class);
		return (Handled.Rejected<EnrichedState>) handled;
	}

	private static ConsumerRecord<String, byte[]> record(String key, String value) {
		return new ConsumerRecord<>("cars.enriched.json", 0, 0, key,
				(value != null) ? value.getBytes(StandardCharsets.UTF_8) : null);
	}

}
