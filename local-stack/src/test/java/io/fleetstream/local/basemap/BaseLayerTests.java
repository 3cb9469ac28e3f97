package io.fleetstream.local.basemap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fleetstream.local.simulator.FleetSimulator;
import io.fleetstream.local.simulator.SimulationArea;
import io.fleetstream.local.simulator.streets.StreetNetwork;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live map's base layer, committed into ingest-service, is exactly what the generator
 * makes of the simulator's street network: change the network and this fails until the
 * file is generated again.
 */
class BaseLayerTests {

	@Test
	void theCommittedBaseLayerIsTheGeneratorsOutput() throws IOException {
		String committed;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(BaseLayerGenerator.RESOURCE)) {
			assertThat(in).as("ingest-service's " + BaseLayerGenerator.RESOURCE).isNotNull();
			committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(committed)
			.as("%s differs from the generator's output: run io.fleetstream.local.basemap.BaseLayerGenerator "
					+ "from the repository root and commit the file", BaseLayerGenerator.COMMITTED)
			.isEqualTo(BaseLayerGenerator.render());
	}

	@Test
	void everyStreetOfTheNetworkIsDrawnOnce() {
		StreetNetwork network = StreetNetwork.build(SimulationArea.SEOUL, FleetSimulator.STREET_SPACING_M);
		JsonNode layer = JsonMapper.builder().build().readTree(new BaseLayer(SimulationArea.SEOUL, network).render());

		Set<String> drawn = new HashSet<>();
		int segments = 0;
		for (JsonNode feature : layer.get("features")) {
			if (!Set.of("local", "arterial", "bridge").contains(feature.get("properties").get("kind").asString())) {
				continue;
			}
			for (JsonNode line : feature.get("geometry").get("coordinates")) {
				for (int i = 1; i < line.size(); i++) {
					segments++;
					drawn.add(line.get(i - 1).toString() + line.get(i).toString());
				}
			}
		}
		assertThat(segments).isEqualTo(network.streets().size());
		assertThat(drawn).hasSize(segments);
	}

	@Test
	void theRiverAndAGridAreDrawnToo() {
		JsonNode layer = JsonMapper.builder().build().readTree(BaseLayerGenerator.render());

		JsonNode river = layer.get("features").get(0);
		assertThat(river.get("properties").get("kind").asString()).isEqualTo("river");
		JsonNode ring = river.get("geometry").get("coordinates").get(0);
		assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));
		JsonNode grid = layer.get("features").get(layer.get("features").size() - 1);
		assertThat(grid.get("properties").get("kind").asString()).isEqualTo("grid");
		// 0.05 degree lines over 30 km of Seoul, both ways
		assertThat(grid.get("geometry").get("coordinates").size()).isGreaterThan(10);
	}

}
