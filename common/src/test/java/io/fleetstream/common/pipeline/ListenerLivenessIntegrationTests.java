package io.fleetstream.common.pipeline;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Liveness reports a route whose consumer stopped for good, the one consumption failure a
 * restart can fix.
 */
class ListenerLivenessIntegrationTests {

	private final PipelineApps apps = new PipelineApps();

	@AfterEach
	void stop() {
		this.apps.close();
	}

	/**
	 * Injected: the loader throws an {@link Error} (a class that failed to initialize),
	 * which ends the consumer thread. Must hold: the {@code listeners} component is DOWN
	 * naming the route, and readiness's {@code routes} component, which only asks whether
	 * routes were started, stays UP.
	 */
	@Test
	void aRouteWhoseConsumerStoppedAbnormallyMakesLivenessDown() throws Exception {
		String topic = TestTopics.unique("it.liveness");
		TestTopics.create(topic, 1, Map.of());
		ConfigurableApplicationContext context = this.apps.start(RouteModesIntegrationTests.OneLoader.class,
				"fleet.routes.gps.topics=" + topic, "fleet.routes.gps.handler=text", "fleet.routes.gps.loaders=memory",
				"spring.kafka.consumer.group-id=" + TestTopics.unique("it-liveness"));
		context.getBean(MemoryLoader.class).beforeWrite = (records) -> {
			throw new ExceptionInInitializerError("injected: a class failed to initialize");
		};
		HealthIndicator listeners = context.getBean("listenersHealthIndicator", HealthIndicator.class);
		assertThat(listeners.health().getStatus()).isEqualTo(Status.UP);
		TestTopics.produce(topic, java.util.List.of("a"), java.util.List.of("v1"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(listeners.health().getStatus()).isEqualTo(Status.DOWN));
		Health health = listeners.health(true);
		assertThat(health.getDetails()).containsEntry("gps", "consumer stopped abnormally");
		assertThat(context.getBean("routesHealthIndicator", HealthIndicator.class).health().getStatus())
			.isEqualTo(Status.UP);
	}

}
