package io.fleetstream.common.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.fleetstream.testsupport.SharedKafkaBroker;
import io.fleetstream.testsupport.SharedRedis;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts minimal FleetStream services (common's auto-configuration plus a test's handlers
 * and loaders) against the shared real broker and redis-server: several of them in one
 * test are replicas of one service.
 */
final class PipelineApps implements AutoCloseable {

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	ConfigurableApplicationContext start(Class<?> components, String... properties) {
		List<String> all = new ArrayList<>(List.of(
				"spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
				"spring.data.redis.host=" + SharedRedis.standalone().host(),
				"spring.data.redis.port=" + SharedRedis.standalone().port(), "fleet.kafka.create-topics=true",
				"spring.kafka.consumer.properties[fetch.max.wait.ms]=100", "fleet.kafka.retry.initial-interval=100ms",
				"fleet.kafka.retry.max-interval=500ms", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, components)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		this.started.add(context);
		return context;
	}

	@Override
	public void close() {
		this.started.forEach(ConfigurableApplicationContext::close);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
