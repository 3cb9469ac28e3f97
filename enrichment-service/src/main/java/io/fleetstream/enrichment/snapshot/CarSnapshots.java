package io.fleetstream.enrichment.snapshot;

import java.util.Map;

/**
 * The reference data of every car, held in memory so that the telemetry join needs no
 * network round trip per record. Filled from the CDC topics (and from Redis at start-up);
 * read by the join on the telemetry consumer threads, so implementations are safe for
 * concurrent reads while the CDC route writes.
 */
public interface CarSnapshots {

	/**
	 * The car's reference attributes: its carinfo columns merged with the deviceinfo
	 * row(s) of the devices installed in it, named as docs/enriched-message.md says.
	 * Values are JSON-native Java values ({@code String}, {@code Long}, {@code Double},
	 * {@code Boolean}); a column whose value is null is left out. The map is immutable,
	 * and a car whose attributes change gets a new one: the join keeps each car's
	 * attributes as JSON for as long as it is given the same map.
	 * @return the attributes, or an empty map when the snapshot has no such car
	 */
	Map<String, Object> referenceOf(String carId);

}
