package io.fleetstream.ingest.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fleetstream.ingest.position.PackedPosition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's payloads: valid JSON, chunked, car ids escaped so no payload carries
 * markup.
 */
class LiveEventsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theSnapshotIsSplitIntoNumberedChunksHoldingEveryCarOnce() {
		Map<String, PackedPosition> fleet = new LinkedHashMap<>();
		for (int i = 0; i < 5; i++) {
			fleet.put("car-" + i, new PackedPosition(1000 + i, 37.5, 127.0 + i, (i == 0) ? null : 10.0, null));
		}

		List<String> events = LiveEvents.snapshot(fleet, 2);

		assertThat(events).hasSize(3);
		int cars = 0;
		for (int i = 0; i < events.size(); i++) {
			JsonNode event = this.json.readTree(events.get(i));
			assertThat(event.get("chunk").asInt()).isEqualTo(i);
			assertThat(event.get("chunks").asInt()).isEqualTo(3);
			cars += event.get("cars").size();
		}
		assertThat(cars).isEqualTo(5);
		JsonNode first = this.json.readTree(events.get(0)).get("cars").get(0);
		assertThat(first.get(0).asString()).isEqualTo("car-0");
		assertThat(first.get(1).asLong()).isEqualTo(1000);
		assertThat(first.get(4).isNull()).isTrue();
	}

	@Test
	void anEmptyFleetIsOneEmptyChunk() {
		assertThat(LiveEvents.snapshot(Map.of(), 100)).containsExactly("{\"chunk\":0,\"chunks\":1,\"cars\":[]}");
	}

	@Test
	void aDeltaCarriesTheMovedCarsInChunksAndTheRemovedOnesOnce() {
		Map<String, PackedPosition> moved = new LinkedHashMap<>();
		moved.put("a", new PackedPosition(1, 1, 2, 3.0, 4.0));
		moved.put("b", new PackedPosition(2, 1, 2, null, null));
		moved.put("c", new PackedPosition(3, 1, 2, null, null));

		List<String> events = LiveEvents.delta(new LiveChange(moved, List.of("gone-1")), 2);

		assertThat(events).containsExactly(
				"{\"cars\":[[\"a\",1,1.0,2.0,3.0,4.0],[\"b\",2,1.0,2.0,null,null]],\"gone\":[\"gone-1\"]}",
				"{\"cars\":[[\"c\",3,1.0,2.0,null,null]],\"gone\":[]}");
	}

	@Test
	void carIdsAreEscapedSoThePayloadHoldsNoMarkup() {
		Map<String, PackedPosition> moved = Map.of("<img src=x onerror=alert(1)>\"\\&\u2028",
				new PackedPosition(1, 1, 2, null, null));

		String event = LiveEvents.delta(new LiveChange(moved, List.of()), 10).get(0);

		assertThat(event).doesNotContain("<", ">", "&", "\u2028");
		assertThat(this.json.readTree(event).get("cars").get(0).get(0).asString())
			.isEqualTo("<img src=x onerror=alert(1)>\"\\&\u2028");
	}

}
