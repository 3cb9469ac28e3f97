package io.fleetstream.alert.episodes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fleetstream.alert.evaluation.CarAlerts;
import io.fleetstream.alert.evaluation.CarEvaluator;
import io.fleetstream.alert.evaluation.EnrichedState;
import io.fleetstream.alert.evaluation.KnownConditions;
import io.fleetstream.alert.evaluation.Transition;
import io.fleetstream.alert.rules.ShippedRules;
import io.fleetstream.common.pipeline.Handled;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler reads the state's values when a rule reads them ({@link RecordObject}):
 * compared with the full read it replaced ({@link FullReadEnrichedStateHandler}, the
 * handler before the change) over varied records, every read of the map gives the same
 * value of the same type, in any order of reads, and the same records are rejected with
 * the same reason and detail; the shipped rules evaluate the same over both.
 */
class LazyReadTests {

	private static final TopicPartition PARTITION = new TopicPartition("cars.enriched.json", 0);

	/** Path names, some that need escaping, some not ASCII, some prefixes of others. */
	private static final String[] NAMES = { "speedKmh", "gps.speedKmh", "gps.lat", "engine.on", "engine.coolantTempC",
			"battery.voltage", "battery.socPct", "safety.crashDetected", "safety.airbagDeployed",
			"body.lights.headlights", "body.doors.frontLeft", "body.doors.trunk", "tires.pressureKpa.frontLeft",
			"tires.pressureKpa.rearRight", "dtc", "a\"quoted\"", "back\\slash", "new\nline", "é.ü", "주행.속도", "😀", "" };

	/**
	 * Values as JSON text: every scalar kind, escapes, numbers at the edges, containers.
	 */
	private static final String[] VALUES = { "0", "-0", "-1", "42", "123456789012345678", "-12345678901234567",
			"1234567890123456789", "-1234567890123456789", "1.0E+2", "0e0", "-1.5e-3", "9223372036854775807",
			"-9223372036854775808", "9223372036854775808", "123456789012345678901234567890", "0.0", "-0.0", "42.5",
			"1e3", "1E-7", "12.600000000000001", "4.9e-324", "1.7976931348623157e308", "1e400", "true", "false", "null",
			"\"\"", "\"ON\"", "\"OPEN\"", "\"closed\"", "\"a\\\"b\"", "\"tab\\tnew\\nline\"", "\"\\u00e9\\u0041\"",
			"\"\\ud83d\\ude00\"", "\"12가3456\"", "\"😀\"", "\"\\/\"", "[]", "{}", "[1,{\"a\":[2,\"x\"]}]",
			"{\"x\":{\"y\":null}}", "[[]]" };

	private final Random random = new Random(7);

	private final EnrichedStateHandler lazy = new EnrichedStateHandler(true, new UnreadRecords());

	private final FullReadEnrichedStateHandler full = new FullReadEnrichedStateHandler(true, new UnreadRecords());

	@Test
	void everyReadOfVariedRecordsGivesWhatTheFullReadGave() {
		int accepted = 0;
		for (int i = 0; i < 3000; i++) {
			if (compare(record(this.random).getBytes(StandardCharsets.UTF_8)) instanceof Handled.Accepted) {
				accepted++;
			}
		}
		assertThat(accepted).isGreaterThan(2500);
	}

	@Test
	void corruptedRecordsAreRejectedWithTheSameReasonAndDetailAsBefore() {
		int rejected = 0;
		for (int i = 0; i < 5000; i++) {
			byte[] value = corrupt(record(this.random).getBytes(StandardCharsets.UTF_8), this.random);
			if (compare(value) instanceof Handled.Rejected) {
				rejected++;
			}
		}
		// most corruptions break the JSON; the rest must still read the same
		assertThat(rejected).isGreaterThan(2500);
	}

	@Test
	void malformedStringsInsideTheStateAreRejectedAsBefore() {
		List<String> values = List.of("\"bad \\x escape\"", "\"\\u12\"", "\"raw \u0001 control\"", "\"unterminated");
		for (String value : values) {
			Handled<EnrichedState> handled = compare(
					("{\"eventTime\":1,\"changed\":[\"a\"],\"state\":{\"a\":1,\"b\":" + value + "}}")
						.getBytes(StandardCharsets.UTF_8));
			assertThat(handled).isInstanceOfSatisfying(Handled.Rejected.class,
					(rejected) -> assertThat(rejected.reason()).isEqualTo("invalid-json"));
		}
		// invalid UTF-8 in a value nothing reads
		byte[] invalidUtf8 = "{\"eventTime\":1,\"state\":{\"a\":1,\"b\":\"xx\"}}".getBytes(StandardCharsets.UTF_8);
		invalidUtf8[invalidUtf8.length - 5] = (byte) 0xC3;
		invalidUtf8[invalidUtf8.length - 4] = (byte) 0x28;
		assertThat(compare(invalidUtf8)).isInstanceOf(Handled.Rejected.class);
	}

	@Test
	void aGpsFixReadsOnlyTheValuesItsRuleReads() {
		// speedKmh under the limit, so the rule's second operand (gps.speedKmh) is read
		// too
		EnrichedState state = accepted(this.lazy,
				realistic(1_000, false, true, 131.0).replace("\"speedKmh\":131.0", "\"speedKmh\":10.0"));
		CarEvaluator evaluator = new CarEvaluator(ShippedRules.rules().all());
		CarEvaluator.Evaluation first = evaluator.evaluate(CarAlerts.NONE, KnownConditions.NONE,
				accepted(this.lazy, realistic(0, false, true, 10.0)), 1);
		CarEvaluator.Evaluation second = evaluator.evaluate(first.next(), first.conditions(), state, 2);
		RecordObject signals = (RecordObject) state.signals();
		// overspeed reads speedKmh and gps.speedKmh; nothing else was parsed
		assertThat(signals.valuesRead()).isEqualTo(2);
		assertThat(signals.readWhole()).isFalse();
		assertThat(second.next().rule("overspeed").status()).hasToString("PENDING");
		// after an assignment every rule is evaluated: the prefix rules read the whole
		// state
		EnrichedState afterAssignment = accepted(this.lazy, realistic(2_000, false, true, 10.0));
		evaluator.evaluate(second.next(), KnownConditions.NONE, afterAssignment, 3);
		assertThat(((RecordObject) afterAssignment.signals()).readWhole()).isTrue();
	}

	@Test
	void theShippedRulesEvaluateTheSameOverBothReadsIncludingAfterAnAssignment() {
		CarEvaluator evaluator = new CarEvaluator(ShippedRules.rules().all());
		Transitions transitions = new Transitions(List.of("arn:aws:sns:eu-west-1:1:t"), List.of());
		CarAlerts lazyState = CarAlerts.NONE;
		CarAlerts fullState = CarAlerts.NONE;
		KnownConditions lazyKnown = KnownConditions.NONE;
		KnownConditions fullKnown = KnownConditions.NONE;
		int transitionCount = 0;
		for (int offset = 1; offset <= 4000; offset++) {
			String value = realistic(offset * 1000L, this.random.nextInt(20) == 0, this.random.nextInt(4) != 0,
					this.random.nextInt(10) == 0 ? 140.0 : 60.0, this.random.nextInt(10) != 0);
			if (this.random.nextInt(50) == 0) {
				// an assignment or a rejected record: nothing known
				lazyKnown = KnownConditions.NONE;
				fullKnown = KnownConditions.NONE;
			}
			EnrichedState lazyRecord = accepted(this.lazy, value);
			EnrichedState fullRecord = accepted(this.full, value);
			CarEvaluator.Evaluation lazyEvaluation = evaluator.evaluate(lazyState, lazyKnown, lazyRecord, offset);
			CarEvaluator.Evaluation fullEvaluation = evaluator.evaluate(fullState, fullKnown, fullRecord, offset);
			assertThat(lazyEvaluation).isEqualTo(fullEvaluation);
			for (Transition transition : lazyEvaluation.transitions()) {
				Instant now = Instant.ofEpochMilli(offset * 1000L);
				// what is recorded and sent: the rule's named signals, every signal and
				// reference value for the templates
				assertThat(transitions.entry(transition, lazyRecord, "t/0/" + offset, List.of(), now))
					.isEqualTo(transitions.entry(transition, fullRecord, "t/0/" + offset, List.of(), now));
				transitionCount++;
			}
			lazyState = lazyEvaluation.next();
			fullState = fullEvaluation.next();
			lazyKnown = lazyEvaluation.conditions();
			fullKnown = fullEvaluation.conditions();
		}
		assertThat(transitionCount).isGreaterThan(100);
	}

	/**
	 * Both handlers on the same record: the same outcome, and for an accepted one the
	 * same answer to every read, in a random order of reads.
	 */
	private Handled<EnrichedState> compare(byte[] value) {
		Handled<EnrichedState> fromLazy = this.lazy.handle(consumerRecord(value));
		Handled<EnrichedState> fromFull = this.full.handle(consumerRecord(value));
		String text = new String(value, StandardCharsets.UTF_8);
		if (fromFull instanceof Handled.Rejected<EnrichedState> expected) {
			assertThat(fromLazy).as(text).isInstanceOfSatisfying(Handled.Rejected.class, (actual) -> {
				assertThat(actual.reason()).as(text).isEqualTo(expected.reason());
				assertThat(actual.detail()).as(text).isEqualTo(expected.detail());
			});
			return fromFull;
		}
		assertThat(fromLazy).as(text).isInstanceOf(Handled.Accepted.class);
		EnrichedState actual = ((Handled.Accepted<EnrichedState>) fromLazy).value();
		EnrichedState expected = ((Handled.Accepted<EnrichedState>) fromFull).value();
		assertThat(actual.carId()).isEqualTo(expected.carId());
		assertThat(actual.eventTime()).isEqualTo(expected.eventTime());
		assertThat(actual.changed()).isEqualTo(expected.changed());
		assertThat(actual.signalTimes()).isEqualTo(expected.signalTimes());
		sameReads(text, actual.signals(), expected.signals());
		sameReads(text, actual.reference(), expected.reference());
		return fromFull;
	}

	private void sameReads(String text, Map<String, Object> actual, Map<String, Object> expected) {
		List<Object> keys = new ArrayList<>(expected.keySet());
		keys.addAll(List.of("absent", "SPEEDKMH", "gps.", "tires.pressureKpa."));
		keys.add(7L);
		keys.add(null);
		int reads = this.random.nextInt(3 * keys.size());
		for (int i = 0; i < reads; i++) {
			Object key = keys.get(this.random.nextInt(keys.size()));
			Object got = actual.get(key);
			Object want = expected.get(key);
			assertThat(got).as("%s[%s] in %s", "get", key, text).isEqualTo(want);
			if (want != null) {
				assertThat(got.getClass()).as(text).isEqualTo(want.getClass());
			}
			assertThat(actual.containsKey(key)).as("containsKey(%s) in %s", key, text)
				.isEqualTo(expected.containsKey(key));
			if (this.random.nextInt(40) == 0) {
				// a template or a prefix rule reads the whole map in between
				assertThat(new ArrayList<>(actual.entrySet())).as(text).containsExactlyElementsOf(expected.entrySet());
			}
		}
		assertThat(actual.isEmpty()).isEqualTo(expected.isEmpty());
		assertThat(actual).as(text).isEqualTo(expected);
		// the same iteration order (a template lists the signals in it)
		assertThat(new ArrayList<>(actual.keySet())).as(text).containsExactlyElementsOf(expected.keySet());
		assertThat(actual.size()).isEqualTo(expected.size());
	}

	/**
	 * A record with the contract's fields in a random order, the optional ones sometimes
	 * missing, {@code changed} sometimes not a list of strings, members sometimes given
	 * twice.
	 */
	private static String record(Random random) {
		List<String> fields = new ArrayList<>();
		fields.add("\"eventTime\":" + (random.nextInt(30) == 0 ? "\"1\"" : Long.toString(random.nextLong(1L << 41))));
		fields.add("\"state\":" + object(random, 1 + random.nextInt(35)));
		if (random.nextInt(5) != 0) {
			fields.add("\"stateTimes\":{\"speedKmh\":" + random.nextInt(1000) + ",\"x\":1.5,\"y\":\"z\"}");
		}
		if (random.nextInt(4) != 0) {
			fields.add("\"reference\":" + object(random, random.nextInt(6)));
		}
		switch (random.nextInt(6)) {
			case 0 -> {
				// no changed: every path may have changed
			}
			case 1 -> fields.add("\"changed\":[\"a\",7]");
			default -> fields.add("\"changed\":[\"" + NAMES[random.nextInt(4)] + "\"]");
		}
		fields.add("\"source\":{\"topic\":\"cars.status.json\",\"partition\":0,\"offset\":" + random.nextInt() + "}");
		if (random.nextInt(20) == 0) {
			fields.add("\"state\":" + object(random, random.nextInt(5)));
		}
		java.util.Collections.shuffle(fields, random);
		return "{" + String.join(",", fields) + "}";
	}

	private static String object(Random random, int members) {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < members; i++) {
			if (i > 0) {
				json.append(',');
			}
			String name = NAMES[random.nextInt(NAMES.length)];
			json.append('"')
				.append(name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
				.append("\":")
				.append(VALUES[random.nextInt(VALUES.length)]);
		}
		return json.append('}').toString();
	}

	/** A truncation, a replaced byte or an inserted one. */
	private static byte[] corrupt(byte[] value, Random random) {
		byte[] bytes = { '"', '{', '}', '[', ']', ',', ':', '\\', 'x', '0', '-', '.', 'e', ' ', 1, (byte) 0xC3,
				(byte) 0xFF, (byte) 0x80 };
		int at = random.nextInt(value.length);
		return switch (random.nextInt(3)) {
			case 0 -> Arrays.copyOf(value, at);
			case 1 -> {
				byte[] copy = value.clone();
				copy[at] = bytes[random.nextInt(bytes.length)];
				yield copy;
			}
			default -> {
				byte[] copy = new byte[value.length + 1];
				System.arraycopy(value, 0, copy, 0, at);
				copy[at] = bytes[random.nextInt(bytes.length)];
				System.arraycopy(value, at, copy, at + 1, value.length - at);
				yield copy;
			}
		};
	}

	/**
	 * A record of the benchmark's shape: the simulator's signals with values that make
	 * the shipped rules fire and resolve, a GPS fix or a status update.
	 */
	private String realistic(long time, boolean crash, boolean gpsFix, double speed) {
		return realistic(time, crash, gpsFix, speed, true);
	}

	private String realistic(long time, boolean crash, boolean gpsFix, double speed, boolean listsChanges) {
		String changed = gpsFix ? "\"gps.lat\",\"gps.lng\",\"gps.speedKmh\",\"gps.heading\""
				: "\"safety.crashDetected\",\"battery.voltage\",\"engine.coolantTempC\",\"tires.pressureKpa.rearLeft\","
						+ "\"engine.on\",\"body.lights.headlights\",\"battery.socPct\"";
		if (!listsChanges) {
			changed = null;
		}
		return "{\"carId\":\"car-1\",\"eventTime\":" + time + (changed != null ? ",\"changed\":[" + changed + "]" : "")
				+ ",\"state\":{\"engine.on\":" + this.random.nextBoolean() + ",\"engine.coolantTempC\":"
				+ (80 + this.random.nextInt(40)) + ".5,\"body.doors.frontLeft\":\""
				+ (this.random.nextBoolean() ? "OPEN" : "closed") + "\",\"body.lights.headlights\":\""
				+ (this.random.nextBoolean() ? "ON" : "OFF") + "\",\"battery.voltage\":" + (11 + this.random.nextInt(3))
				+ ".6,\"battery.socPct\":" + this.random.nextInt(100)
				+ ",\"tires.pressureKpa.frontLeft\":230,\"tires.pressureKpa.rearLeft\":"
				+ (170 + this.random.nextInt(60)) + ",\"speedKmh\":" + speed + ",\"gps.lat\":37.5665,\"gps.speedKmh\":"
				+ speed + ",\"safety.crashDetected\":" + crash
				+ ",\"safety.airbagDeployed\":false},\"stateTimes\":{\"speedKmh\":" + time
				+ "},\"reference\":{\"plate\":\"12가3456\",\"model\":\"Ioniq 5\"}}";
	}

	private static EnrichedState accepted(io.fleetstream.common.pipeline.RecordHandler<EnrichedState> handler,
			String value) {
		Handled<EnrichedState> handled = handler.handle(consumerRecord(value.getBytes(StandardCharsets.UTF_8)));
		assertThat(handled).as(value).isInstanceOf(Handled.Accepted.class);
		return ((Handled.Accepted<EnrichedState>) handled).value();
	}

	private static ConsumerRecord<String, byte[]> consumerRecord(byte[] value) {
		return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 0, "car-1", value);
	}

}
