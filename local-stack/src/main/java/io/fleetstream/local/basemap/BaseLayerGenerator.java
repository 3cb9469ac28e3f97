package io.fleetstream.local.basemap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fleetstream.local.simulator.FleetSimulator;
import io.fleetstream.local.simulator.SimulationArea;
import io.fleetstream.local.simulator.streets.StreetNetwork;

/**
 * Writes the live map's base layer ({@link BaseLayer}) of the simulator's Seoul into
 * ingest-service's static resources, where the map page loads it from. ingest-service
 * cannot depend on the local stack, so the file is committed; {@code BaseLayerTests}
 * fails when it differs from what this writes. Run from the repository root after a
 * change to the street network:
 *
 * <pre>
 * ./mvnw -o -q compile -pl local-stack -am
 * java -cp local-stack/target/classes io.fleetstream.local.basemap.BaseLayerGenerator
 * </pre>
 */
public final class BaseLayerGenerator {

	/** Where the file is committed, from the repository root. */
	public static final Path COMMITTED = Path.of("ingest-service/src/main/resources/static/map/seoul-base.geojson");

	/** Its class-path location, in ingest-service's jar. */
	public static final String RESOURCE = "static/map/seoul-base.geojson";

	private BaseLayerGenerator() {
	}

	/** The base layer of the simulator's area and street network. */
	public static String render() {
		SimulationArea area = SimulationArea.SEOUL;
		return new BaseLayer(area, StreetNetwork.build(area, FleetSimulator.STREET_SPACING_M)).render();
	}

	public static void main(String[] args) throws IOException {
		Path target = (args.length > 0) ? Path.of(args[0]) : COMMITTED;
		Files.writeString(target, render(), StandardCharsets.UTF_8);
		System.out.println("Wrote " + target.toAbsolutePath() + " (" + Files.size(target) + " bytes)");
	}

}
