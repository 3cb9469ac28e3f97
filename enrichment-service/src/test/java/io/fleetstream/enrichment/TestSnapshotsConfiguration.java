package io.fleetstream.enrichment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Every test context's {@link io.fleetstream.enrichment.snapshot.CarSnapshots}: picked up
 * by the application's component scan in the test class path only, and primary, so it
 * wins over the CDC snapshot where that is present too.
 */
@Configuration(proxyBeanMethods = false)
class TestSnapshotsConfiguration {

	@Bean
	@Primary
	MemoryCarSnapshots memoryCarSnapshots() {
		return new MemoryCarSnapshots();
	}

}
