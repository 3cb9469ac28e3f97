package io.fleetstream.enrichment.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fleetstream.enrichment.EnrichmentApplication;
import io.fleetstream.testsupport.SharedKafkaBroker;
import io.fleetstream.testsupport.SharedRedis;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts enrichment-service instances (whole application contexts, no web server) on the
 * shared real broker and redis-server, reading the CDC route from a test's own topics and
 * keeping the snapshot in a test's own Redis database: several of them in one test are
 * replicas of one deployment.
 */
final class EnrichmentApps implements AutoCloseable {

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	private final String carTopic;

	private final String deviceTopic;

	private final int database;

	EnrichmentApps(String carTopic, String deviceTopic, int database) {
		this.carTopic = carTopic;
		this.deviceTopic = deviceTopic;
		this.database = database;
	}

	ConfigurableApplicationContext start() {
		// as arguments: properties given to the builder are defaults, below
		// application.yaml
		String[] args = Stream.of("spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"spring.data.redis.host=" + SharedRedis.standalone().host(),
				"spring.data.redis.port=" + SharedRedis.standalone().port(),
				"spring.data.redis.database=" + this.database, "fleet.kafka.create-topics=true",
				"fleet.routes.cdc.topics=" + this.carTopic + "," + this.deviceTopic,
				"spring.kafka.consumer.properties[fetch.max.wait.ms]=100", "fleet.kafka.retry.initial-interval=100ms",
				"fleet.kafka.retry.max-interval=500ms", "fleet.security.open=true", "spring.main.banner-mode=off")
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EnrichmentApplication.class)
			.web(WebApplicationType.NONE)
			.run(args);
		this.started.add(context);
		return context;
	}

	@Override
	public void close() {
		this.started.forEach(ConfigurableApplicationContext::close);
	}

}
