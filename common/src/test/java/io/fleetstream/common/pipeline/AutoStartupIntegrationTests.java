package io.fleetstream.common.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spring.kafka.listener.auto-startup=false} is honoured by the routes as by
 * Spring's own listener containers: nothing consumes until the containers are started,
 * and the replica stays ready meanwhile (it is not meant to consume).
 */
class AutoStartupIntegrationTests {

	private final PipelineApps apps = new PipelineApps();

	@AfterEach
	void stop() {
		this.apps.close();
	}

	/**
	 * Must hold: with auto-startup off, no route container exists after start-up (the
	 * records already on the topic are not consumed) and readiness is UP with the reason;
	 * once {@code start()} is called, the route consumes the records and reports
	 * consuming.
	 */
	@Test
	void routesWaitForAnExplicitStartWhenAutoStartupIsOff() throws Exception {
		String topic = TestTopics.unique("it.auto-startup");
		TestTopics.create(topic, 1, Map.of());
		TestTopics.produce(topic, List.of("k1", "k2"), List.of("v1", "v2"));
		ConfigurableApplicationContext context = this.apps.start(OneRoute.class, "fleet.routes.a.topics=" + topic,
				"fleet.routes.a.handler=text", "fleet.routes.a.loaders=a",
				"spring.kafka.consumer.group-id=" + TestTopics.unique("it-auto-startup"),
				"spring.kafka.listener.auto-startup=false");
		RouteContainers containers = context.getBean(RouteContainers.class);
		HealthIndicator routes = context.getBean("routesHealthIndicator", HealthIndicator.class);
		MemoryLoader loader = context.getBean(MemoryLoader.class);

		assertThat(containers.isRunning()).isFalse();
		assertThat(containers.started()).isEmpty();
		assertThat(loader.values()).isEmpty();
		Health idle = routes.health(true);
		assertThat(idle.getStatus()).isEqualTo(Status.UP);
		assertThat(idle.getDetails()).containsEntry("a", "not started: spring.kafka.listener.auto-startup is false");

		containers.start();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(loader.values()).containsExactly("v1", "v2");
			assertThat(routes.health(true).getDetails()).containsEntry("a", "consuming");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OneRoute {

		@Bean
		TextHandler textHandler() {
			return new TextHandler();
		}

		@Bean
		MemoryLoader aLoader() {
			return new MemoryLoader("a");
		}

	}

}
