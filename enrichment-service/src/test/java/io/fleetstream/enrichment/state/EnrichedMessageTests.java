package io.fleetstream.enrichment.state;

import java.util.List;
import java.util.Map;

import io.fleetstream.common.pipeline.RecordCoordinates;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichedMessageTests {

	@Test
	void carriesTheContractsFields() {
		CarState state = new CarState();
		StateChange change = StateMerge.apply(state,
				StateMergeTests.update(1000, "{\"engine\":{\"on\":false},\"dtc\":[\"P0420\"]}"));
		RecordCoordinates source = new RecordCoordinates("cars.status.json", 3, 42, "car-1", 999);
		JsonNode message = JsonMapper.builder()
			.build()
			.readTree(EnrichedMessage.bytes("car-1", 1000, 1005, source, change.changed(), state,
					Map.of("plate", "12가3456", "doors", 4L)));
		assertThat(message.get("carId").asString()).isEqualTo("car-1");
		assertThat(message.get("eventTime").asLong()).isEqualTo(1000);
		assertThat(message.get("processingTime").asLong()).isEqualTo(1005);
		assertThat(message.get("source").toString())
			.isEqualTo("{\"topic\":\"cars.status.json\",\"partition\":3,\"offset\":42}");
		assertThat(message.get("changed").values()).extracting(JsonNode::asString)
			.containsExactly("engine.on", "dtc[0]");
		assertThat(message.get("state").get("engine.on").isBoolean()).isTrue();
		assertThat(message.get("state").get("dtc[0]").asString()).isEqualTo("P0420");
		assertThat(message.get("stateTimes").get("engine.on").asLong()).isEqualTo(1000);
		assertThat(message.get("reference").get("plate").asString()).isEqualTo("12가3456");
		assertThat(message.get("reference").get("doors").isIntegralNumber()).isTrue();
		assertThat(message.get("referenceKnown").asBoolean()).isTrue();
	}

	@Test
	void unknownCarHasEmptyReference() {
		JsonNode message = JsonMapper.builder()
			.build()
			.readTree(EnrichedMessage.bytes("car-2", 1, 2, new RecordCoordinates("cars.gps.json", 0, 0, "car-2", 1),
					List.of(), new CarState(), Map.of()));
		assertThat(message.get("reference").isEmpty()).isTrue();
		assertThat(message.get("referenceKnown").asBoolean()).isFalse();
		assertThat(message.get("changed").isArray()).isTrue();
	}

	@Test
	void referenceFollowsTheSnapshotsEntryOfTheCar() {
		CarState state = new CarState();
		StateChange change = StateMerge.apply(state, StateMergeTests.update(1000, "{\"engine\":{\"on\":true}}"));
		RecordCoordinates source = new RecordCoordinates("cars.status.json", 0, 1, "car-3", 999);
		Map<String, Object> before = Map.of("zone", "gangnam", "doors", 4L);
		Map<String, Object> after = Map.of("zone", "jongno", "doors", 4L, "eco", true, "capacity", 77.4);
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode first = mapper
			.readTree(EnrichedMessage.bytes("car-3", 1000, 1001, source, change.changed(), state, before));
		JsonNode again = mapper
			.readTree(EnrichedMessage.bytes("car-3", 1000, 1002, source, change.changed(), state, before));
		JsonNode changed = mapper
			.readTree(EnrichedMessage.bytes("car-3", 1000, 1003, source, change.changed(), state, after));
		JsonNode gone = mapper
			.readTree(EnrichedMessage.bytes("car-3", 1000, 1004, source, change.changed(), state, Map.of()));
		assertThat(first.get("reference").get("zone").asString()).isEqualTo("gangnam");
		assertThat(again.get("reference")).isEqualTo(first.get("reference"));
		assertThat(changed.get("reference").get("zone").asString()).isEqualTo("jongno");
		assertThat(changed.get("reference").get("eco").isBoolean()).isTrue();
		assertThat(changed.get("reference").get("capacity").isDouble()).isTrue();
		assertThat(gone.get("reference").isEmpty()).isTrue();
		assertThat(gone.get("referenceKnown").asBoolean()).isFalse();
	}

	@Test
	void pathsBeyondTheSharedBoundAreWrittenAsWell() {
		for (int i = 0; i < SignalPaths.MAX_PATHS; i++) {
			SignalPaths.shared("bound.filler" + i);
		}
		String beyond = "bound.beyond \"quoted\"";
		// a path within the bound is held as one shared instance, one beyond it as given
		String known = new String("bound.filler0");
		assertThat(SignalPaths.shared(known)).isEqualTo(known).isNotSameAs(known);
		String copy = new String(beyond);
		assertThat(SignalPaths.shared(copy)).isSameAs(copy);
		CarState state = new CarState();
		StateChange change = StateMerge.apply(state,
				StateMergeTests.update(5, "{\"bound\":{\"beyond \\\"quoted\\\"\":1.5}}"));
		assertThat(change.changed()).containsExactly(beyond);
		JsonNode message = JsonMapper.builder()
			.build()
			.readTree(EnrichedMessage.bytes("car-4", 5, 6, new RecordCoordinates("cars.status.json", 0, 2, "car-4", 5),
					change.changed(), state, Map.of()));
		assertThat(message.get("state").get(beyond).asDouble()).isEqualTo(1.5);
		assertThat(message.get("stateTimes").get(beyond).asLong()).isEqualTo(5);
	}

	@Test
	void stringsPathsAndNumbersAreValidJson() {
		CarState state = new CarState();
		String status = "{\"body\":{\"문\":\"열림 \\\"A\\\" \\\\ \\n\\u0001\",\"n\":-12,\"big\":12345678901234567890,"
				+ "\"x\":-1.5e-9,\"e\":[],\"o\":{}}}";
		StateChange change = StateMerge.apply(state, StateMergeTests.update(-7, status));
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode message = mapper.readTree(EnrichedMessage.bytes("car-5", -7, 0,
				new RecordCoordinates("cars.status.json", 11, Long.MAX_VALUE, "car-5", 1), change.changed(), state,
				Map.of()));
		JsonNode body = mapper.readTree(status).get("body");
		assertThat(message.get("state").get("body.문")).isEqualTo(body.get("문"));
		assertThat(message.get("state").get("body.n").asLong()).isEqualTo(-12);
		assertThat(message.get("state").get("body.big")).isEqualTo(body.get("big"));
		assertThat(message.get("state").get("body.x").asDouble()).isEqualTo(-1.5e-9);
		assertThat(message.get("state").get("body.e").isArray()).isTrue();
		assertThat(message.get("state").get("body.o").isObject()).isTrue();
		assertThat(message.get("stateTimes").get("body.문").asLong()).isEqualTo(-7);
		assertThat(message.get("eventTime").asLong()).isEqualTo(-7);
		assertThat(message.get("processingTime").asLong()).isZero();
		assertThat(message.get("source").get("offset").asLong()).isEqualTo(Long.MAX_VALUE);
		assertThat(message.get("changed").values()).extracting(JsonNode::asString).contains("body.문", "body.e");
	}

	/**
	 * Each path's time in stateTimes is its own, with more distinct times in a state than
	 * the message remembers digits of (times written again are copied from before).
	 */
	@Test
	void everyPathCarriesItsOwnTimeAmongManyDistinctAndRepeatedTimes() {
		CarState state = new CarState();
		Map<String, Long> expected = new java.util.TreeMap<>();
		for (int i = 0; i < 40; i++) {
			// 20 distinct times, interleaved by path order, 1 and 10 digits long
			long time = (i % 2 == 0) ? i % 20 : 1_764_633_600_000L + (i % 20);
			String path = "s" + (char) ('a' + (i % 26)) + i;
			StateMerge.apply(state, StateMergeTests.update(time, "{\"" + path + "\":" + i + "}"));
			expected.put(path, time);
		}
		JsonNode times = JsonMapper.builder()
			.build()
			.readTree(EnrichedMessage.bytes("car-6", 1, 2, new RecordCoordinates("cars.status.json", 0, 0, "car-6", 1),
					List.of(), state, Map.of()))
			.get("stateTimes");
		assertThat(times.size()).isEqualTo(40);
		expected.forEach((path, time) -> assertThat(times.get(path).asLong()).as(path).isEqualTo(time));
	}

}
