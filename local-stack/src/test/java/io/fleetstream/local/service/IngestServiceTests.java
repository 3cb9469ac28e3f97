package io.fleetstream.local.service;

import java.util.List;

import io.fleetstream.local.Infrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ingest-service in the local stack is pointed at the local broker and Redis and creates
 * its topics there, because the local broker starts empty; an option given to the stack
 * still wins.
 */
class IngestServiceTests {

	private static final Infrastructure INFRASTRUCTURE = new Infrastructure("localhost:19092", "127.0.0.1", 16379);

	@Test
	void connectsToTheLocalInfrastructureAndCreatesItsTopics() {
		SpringService ingest = IngestService.create(INFRASTRUCTURE, 18080, 18081, List.of());
		assertThat(ingest.arguments()).contains("--spring.kafka.bootstrap-servers=localhost:19092",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=16379", "--server.port=18080",
				"--management.server.port=18081", "--fleet.kafka.create-topics=true");
	}

	@Test
	void aServiceOptionGivenToTheStackWins() {
		SpringService ingest = IngestService.create(INFRASTRUCTURE, 18080, 18081,
				List.of("--fleet.kafka.create-topics=false"));
		assertThat(ingest.arguments()).contains("--fleet.kafka.create-topics=false")
			.doesNotContain("--fleet.kafka.create-topics=true");
	}

}
