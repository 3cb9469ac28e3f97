package io.fleetstream.local.service;

import java.util.List;
import java.util.Map;

import io.fleetstream.ingest.IngestApplication;
import io.fleetstream.local.Infrastructure;

/**
 * ingest-service in the local stack: GPS fixes from the local broker into the local
 * Redis, with its REST API and actuator on their own ports.
 */
public final class IngestService {

	private IngestService() {
	}

	public static SpringService create(Infrastructure infrastructure, int httpPort, int managementPort,
			List<String> extraArguments) {
		Map<String, String> properties = Map.of("spring.kafka.bootstrap-servers",
				infrastructure.kafkaBootstrapServers(), "spring.data.redis.host", infrastructure.redisHost(),
				"spring.data.redis.port", String.valueOf(infrastructure.redisPort()), "server.port",
				String.valueOf(httpPort), "management.server.port", String.valueOf(managementPort),
				// the local broker starts empty; in production topics are provisioned
				// beforehand
				"fleet.kafka.create-topics", "true",
				// a laptop demo on loopback: the API is explicitly open (production needs
				// an
				// issuer, docs/security.md)
				"fleet.security.open", "true");
		return new SpringService("ingest-service", IngestApplication.class, properties, extraArguments, httpPort,
				managementPort,
				List.of("/api/v1/vehicles?lat=37.5665&lng=126.978&radiusM=2000", "/api/v1/vehicles/car-00001",
						"/api/v1/vehicles/car-00001/track", "/api/v1/fleet/summary", "/swagger-ui.html"),
				List.of("/actuator/health", "/actuator/prometheus"));
	}

}
