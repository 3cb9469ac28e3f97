package io.fleetstream.local.service;

import java.util.List;

import io.fleetstream.local.Infrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services in the local stack are pointed at the local broker and Redis and creates
 * its topics there, because the local broker starts empty; an option given to the stack
 * still wins.
 */
class LocalServicesTests {

	private static final Infrastructure INFRASTRUCTURE = new Infrastructure("localhost:19092", "127.0.0.1", 16379);

	@Test
	void connectsToTheLocalInfrastructureAndCreatesItsTopics() {
		SpringService ingest = LocalServices.ingest(INFRASTRUCTURE, 18080, 18081, 18082, 18084, List.of());
		assertThat(ingest.arguments()).contains("--spring.kafka.bootstrap-servers=localhost:19092",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=16379", "--server.port=18080",
				"--management.server.port=18081", "--fleet.kafka.create-topics=true");
	}

	@Test
	void eachServiceLoadsOnlyTheConfigurationItShipsWith() {
		// on the stack's one class path every service jar has an application.yaml at its
		// root: each service must be pointed at its own
		assertThat(configLocation(LocalServices.ingest(INFRASTRUCTURE, 1, 2, 3, 4, List.of())))
			.contains("ingest-service")
			.doesNotContain("enrichment-service", "alert-service");
		assertThat(configLocation(LocalServices.enrichment(INFRASTRUCTURE, 1, 2, 5, List.of())))
			.contains("enrichment-service")
			.doesNotContain("ingest-service", "alert-service");
		assertThat(configLocation(LocalServices.alert(INFRASTRUCTURE, 1, 2, 5, List.of()))).contains("alert-service")
			.doesNotContain("ingest-service", "enrichment-service");
	}

	private static String configLocation(SpringService service) {
		return java.util.Arrays.stream(service.arguments())
			.filter((argument) -> argument.startsWith("--spring.config.location="))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aServiceOptionGivenToTheStackWins() {
		SpringService ingest = LocalServices.ingest(INFRASTRUCTURE, 18080, 18081, 18082, 18084,
				List.of("--fleet.kafka.create-topics=false"));
		assertThat(ingest.arguments()).contains("--fleet.kafka.create-topics=false")
			.doesNotContain("--fleet.kafka.create-topics=true");
	}

	@Test
	void theMapPageCallsTheOtherServicesWhichAllowOnlyItsOrigin() {
		assertThat(LocalServices.ingest(INFRASTRUCTURE, 18080, 18081, 18082, 18084, List.of()).arguments()).contains(
				"--fleet.ingest.map.enrichment-url=http://localhost:18082",
				"--fleet.ingest.map.alert-url=http://localhost:18084");
		assertThat(LocalServices.enrichment(INFRASTRUCTURE, 18082, 18083, 18080, List.of()).arguments())
			.contains("--fleet.web.cors.allowed-origins=http://localhost:18080,http://127.0.0.1:18080")
			.noneMatch((argument) -> argument.startsWith("--fleet.web.cors.post-paths"));
		assertThat(LocalServices.alert(INFRASTRUCTURE, 18084, 18085, 18080, List.of()).arguments()).contains(
				"--fleet.web.cors.allowed-origins=http://localhost:18080,http://127.0.0.1:18080",
				"--fleet.web.cors.post-paths=/api/v1/alerts/*/ack");
	}

}
