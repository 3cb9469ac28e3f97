package io.fleetstream.enrichment.telemetry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fleetstream.common.pipeline.RecordCoordinates;
import io.fleetstream.enrichment.schema.JsonType;
import io.fleetstream.enrichment.schema.SchemaChange;
import io.fleetstream.enrichment.schema.SchemaDetector;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryUpdateTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/**
	 * Schema detection reads the signals' types without the map: the same paths, types
	 * and order as the map.
	 */
	@Test
	void attributeTypesWithoutTheMapAreTheMapsEntriesInOrder() {
		Map<String, JsonNode> signals = new LinkedHashMap<>();
		signals.put("z.flag", NODES.booleanNode(true));
		signals.put("a.speed", NODES.numberNode(12.5));
		signals.put("m.name", NODES.stringNode("x"));
		signals.put("dtc", NODES.arrayNode());
		signals.put("n", NODES.nullNode());
		TelemetryUpdate update = new TelemetryUpdate("car-1", 1, signals, Set.of("dtc"));
		Map<String, JsonType> visited = new LinkedHashMap<>();
		update.forEachAttributeType(visited::put);
		assertThat(List.copyOf(visited.entrySet())).isEqualTo(List.copyOf(update.attributeTypes().entrySet()))
			.hasSize(5);
		assertThat(visited).containsEntry("a.speed", JsonType.NUMBER).containsEntry("z.flag", JsonType.BOOLEAN);
		List<SchemaChange> changes = SchemaDetector.changes((path) -> path.equals("a.speed") ? JsonType.NUMBER : null,
				update, new RecordCoordinates("cars.status.json", 0, 7, "car-1", 1), 1);
		assertThat(changes).extracting(SchemaChange::path).containsExactly("z.flag", "m.name", "dtc", "n");
	}

}
