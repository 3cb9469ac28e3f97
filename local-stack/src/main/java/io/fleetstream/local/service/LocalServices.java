package io.fleetstream.local.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetstream.alert.AlertApplication;
import io.fleetstream.enrichment.EnrichmentApplication;
import io.fleetstream.ingest.IngestApplication;
import io.fleetstream.local.Infrastructure;

/**
 * The three FleetStream services as the local stack runs them: each with its own
 * configuration as it ships ({@link OwnConfiguration}), pointed at the local broker and
 * Redis through the standard Spring Boot properties, its API and actuator on their own
 * ports.
 */
public final class LocalServices {

	private LocalServices() {
	}

	/** ingest-service: GPS fixes into Redis, the fleet-position API and the live map. */
	public static SpringService ingest(Infrastructure infrastructure, int httpPort, int managementPort,
			List<String> extraArguments) {
		return new SpringService("ingest-service", IngestApplication.class,
				properties(IngestApplication.class, infrastructure, httpPort, managementPort), extraArguments, httpPort,
				managementPort,
				List.of("/api/v1/vehicles?lat=37.5665&lng=126.978&radiusM=2000", "/api/v1/vehicles/car-00001",
						"/api/v1/vehicles/car-00001/track", "/api/v1/fleet/summary", "/swagger-ui.html"),
				List.of("/actuator/health", "/actuator/prometheus"));
	}

	/** enrichment-service: the CDC snapshot, telemetry joined into each car's state. */
	public static SpringService enrichment(Infrastructure infrastructure, int httpPort, int managementPort,
			List<String> extraArguments) {
		return new SpringService("enrichment-service", EnrichmentApplication.class,
				properties(EnrichmentApplication.class, infrastructure, httpPort, managementPort), extraArguments,
				httpPort, managementPort, List.of(), List.of("/actuator/health"));
	}

	/**
	 * alert-service: the rules over each car's state, alerts to the outlier topic and
	 * e-mail.
	 */
	public static SpringService alert(Infrastructure infrastructure, int httpPort, int managementPort,
			List<String> extraArguments) {
		return new SpringService("alert-service", AlertApplication.class,
				properties(AlertApplication.class, infrastructure, httpPort, managementPort), extraArguments, httpPort,
				managementPort, List.of(), List.of("/actuator/health"));
	}

	private static Map<String, String> properties(Class<?> application, Infrastructure infrastructure, int httpPort,
			int managementPort) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.config.location", OwnConfiguration.location(application));
		properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
		properties.put("spring.data.redis.host", infrastructure.redisHost());
		properties.put("spring.data.redis.port", String.valueOf(infrastructure.redisPort()));
		properties.put("server.port", String.valueOf(httpPort));
		properties.put("management.server.port", String.valueOf(managementPort));
		// the local broker starts empty; in production topics are provisioned beforehand
		properties.put("fleet.kafka.create-topics", "true");
		// a laptop demo on loopback: the APIs are explicitly open (production needs an
		// issuer, docs/security.md)
		properties.put("fleet.security.open", "true");
		return properties;
	}

}
