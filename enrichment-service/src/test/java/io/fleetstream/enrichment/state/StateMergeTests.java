package io.fleetstream.enrichment.state;

import java.util.Map;
import java.util.Set;

import io.fleetstream.enrichment.EnrichmentProperties.FlattenSettings;
import io.fleetstream.enrichment.flatten.Flattened;
import io.fleetstream.enrichment.flatten.JsonFlattener;
import io.fleetstream.enrichment.telemetry.TelemetryUpdate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class StateMergeTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonFlattener FLATTENER = new JsonFlattener(new FlattenSettings(16, 1000, 1024, 256));

	@Test
	void partialUpdateChangesOnlyItsSignals() {
		CarState state = new CarState();
		StateMerge.apply(state, update(100, "{\"engine\":{\"on\":true,\"rpm\":900},\"fuel\":{\"levelPct\":40}}"));
		StateChange change = StateMerge.apply(state, update(200, "{\"engine\":{\"rpm\":0}}"));
		assertThat(change.changed()).containsExactly("engine.rpm");
		assertThat(values(state))
			.containsExactlyInAnyOrderEntriesOf(Map.of("engine.on", "true", "engine.rpm", "0", "fuel.levelPct", "40"));
		assertThat(state.signals().get("engine.on").timeMs()).isEqualTo(100);
		assertThat(state.signals().get("engine.rpm").timeMs()).isEqualTo(200);
	}

	@Test
	void olderSignalNeverOverwritesNewer() {
		CarState state = new CarState();
		StateMerge.apply(state, update(200, "{\"lights\":\"ON\",\"locked\":true}"));
		StateChange late = StateMerge.apply(state, update(100, "{\"lights\":\"OFF\",\"doors\":\"OPEN\"}"));
		assertThat(late.changed()).containsExactly("doors");
		assertThat(values(state)).containsEntry("lights", "\"ON\"").containsEntry("doors", "\"OPEN\"");
		assertThat(state.signals().get("lights").timeMs()).isEqualTo(200);
	}

	@Test
	void replayOfTheSameUpdatesChangesNothing() {
		CarState state = new CarState();
		StateMerge.apply(state, update(100, "{\"a\":1,\"dtc\":[\"P1\",\"P2\"]}"));
		StateMerge.apply(state, update(200, "{\"a\":2,\"dtc\":[\"P3\"]}"));
		Map<String, String> before = values(state);
		assertThat(StateMerge.apply(state, update(100, "{\"a\":1,\"dtc\":[\"P1\",\"P2\"]}")).changed()).isEmpty();
		assertThat(StateMerge.apply(state, update(200, "{\"a\":2,\"dtc\":[\"P3\"]}")).changed()).isEmpty();
		assertThat(values(state)).isEqualTo(before).containsOnlyKeys("a", "dtc[0]");
	}

	@Test
	void newerArrayReplacesTheWholeArray() {
		CarState state = new CarState();
		StateMerge.apply(state, update(100, "{\"wheels\":[{\"kpa\":230,\"ok\":true},{\"kpa\":228}]}"));
		StateChange change = StateMerge.apply(state, update(200, "{\"wheels\":[{\"kpa\":231}]}"));
		assertThat(values(state)).containsOnlyKeys("wheels[0].kpa");
		assertThat(change.removed()).containsOnlyKeys("wheels[0].ok", "wheels[1].kpa");
		assertThat(StateMerge.apply(state, update(300, "{\"wheels\":[]}")).changed()).contains("wheels",
				"wheels[0].kpa");
		assertThat(values(state)).containsOnly(Map.entry("wheels", "[]"));
	}

	@Test
	void coalescedChangesKeepTheLastOfEachPath() {
		CarState state = new CarState();
		StateChange first = StateMerge.apply(state, update(100, "{\"dtc\":[\"P1\",\"P2\"],\"a\":1}"));
		StateChange second = StateMerge.apply(state, update(200, "{\"dtc\":[\"P3\"]}"));
		StateChange both = first.then(second);
		assertThat(both.set()).containsOnlyKeys("dtc[0]", "a");
		assertThat(both.set().get("dtc[0]").value().stringValue()).isEqualTo("P3");
		assertThat(both.removed()).containsOnlyKeys("dtc[1]");
		assertThat(both.arrays()).containsEntry("dtc", 200L);
	}

	static TelemetryUpdate update(long ts, String json) {
		try {
			Flattened flat = FLATTENER.flatten(MAPPER.readTree(json), Set.of("ts"));
			return new TelemetryUpdate("car-1", ts, flat.leaves(), flat.arrays());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> values(CarState state) {
		Map<String, String> values = new java.util.TreeMap<>();
		state.signals().forEach((path, signal) -> values.put(path, signal.value().toString()));
		return values;
	}

}
