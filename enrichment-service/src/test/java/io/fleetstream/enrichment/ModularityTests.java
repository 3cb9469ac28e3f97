package io.fleetstream.enrichment;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps enrichment-service packaged by feature: features only use each other's public,
 * top-level types and there are no cycles.
 */
class ModularityTests {

	@Test
	void featuresRespectTheirBoundaries() {
		ApplicationModules.of(EnrichmentApplication.class).verify();
	}

}
