package io.fleetstream.alert;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps alert-service packaged by feature: features only use each other's public,
 * top-level types and there are no cycles.
 */
class ModularityTests {

	@Test
	void featuresRespectTheirBoundaries() {
		ApplicationModules.of(AlertApplication.class).verify();
	}

}
