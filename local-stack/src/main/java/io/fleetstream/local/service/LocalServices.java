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

	/** Where ingest-service serves the live map. */
	public static final String MAP_PATH = "/map/";

	private LocalServices() {
	}

	/**
	 * ingest-service: GPS fixes into Redis, the fleet-position API and the live map,
	 * whose page calls enrichment- and alert-service on their own ports (cross-origin,
	 * allowed there by {@link #enrichment} and {@link #alert}).
	 */
	public static SpringService ingest(Infrastructure infrastructure, int httpPort, int managementPort,
			int enrichmentPort, int alertPort, List<String> extraArguments) {
		Map<String, String> properties = properties(IngestApplication.class, infrastructure, httpPort, managementPort);
		properties.put("fleet.ingest.map.enrichment-url", "http://localhost:" + enrichmentPort);
		properties.put("fleet.ingest.map.alert-url", "http://localhost:" + alertPort);
		return new SpringService("ingest-service", IngestApplication.class, properties, extraArguments, httpPort,
				managementPort,
				List.of(MAP_PATH, "/api/v1/vehicles?lat=37.5665&lng=126.978&radiusM=2000", "/api/v1/vehicles/car-00001",
						"/api/v1/vehicles/car-00001/track", "/api/v1/fleet/summary", "/swagger-ui.html"),
				List.of("/actuator/health", "/actuator/prometheus"));
	}

	/**
	 * enrichment-service: the CDC snapshot, telemetry joined into each car's state; its
	 * API allows the live map's origin (ingest-service on {@code mapPort}).
	 */
	public static SpringService enrichment(Infrastructure infrastructure, int httpPort, int managementPort, int mapPort,
			List<String> extraArguments) {
		Map<String, String> properties = properties(EnrichmentApplication.class, infrastructure, httpPort,
				managementPort);
		properties.put("fleet.web.cors.allowed-origins", mapOrigins(mapPort));
		return new SpringService("enrichment-service", EnrichmentApplication.class, properties, extraArguments,
				httpPort, managementPort, List.of("/api/v1/cars/car-00001"), List.of("/actuator/health"));
	}

	/**
	 * alert-service: the rules over each car's state, alerts to the outlier topic and
	 * e-mail; its API allows the live map's origin to read alerts and acknowledge them.
	 */
	public static SpringService alert(Infrastructure infrastructure, int httpPort, int managementPort, int mapPort,
			List<String> extraArguments) {
		Map<String, String> properties = properties(AlertApplication.class, infrastructure, httpPort, managementPort);
		properties.put("fleet.web.cors.allowed-origins", mapOrigins(mapPort));
		properties.put("fleet.web.cors.post-paths", "/api/v1/alerts/*/ack");
		return new SpringService("alert-service", AlertApplication.class, properties, extraArguments, httpPort,
				managementPort, List.of("/api/v1/alerts?state=FIRING"), List.of("/actuator/health"));
	}

	/**
	 * The origins the map page is opened from: as the banner prints it, or by address.
	 */
	private static String mapOrigins(int mapPort) {
		return "http://localhost:" + mapPort + ",http://127.0.0.1:" + mapPort;
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
