package io.fleetstream.ingest;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps ingest-service packaged by feature: features only use each other's public,
 * top-level types and there are no cycles.
 */
class ModularityTests {

	@Test
	void featuresRespectTheirBoundaries() {
		ApplicationModules.of(IngestApplication.class).verify();
	}

}
