package io.fleetstream.common.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The foundation's defect, on the real broker: with two routes in one service, route B's
 * failing loader made the retry dead-letter route A's rejections again and count A's
 * records again. Routes are separate containers now, and a retry resumes where it
 * stopped.
 */
class TwoRoutesIntegrationTests {

	private final PipelineApps apps = new PipelineApps();

	@AfterEach
	void stop() {
		this.apps.close();
	}

	/**
	 * Injected: route B's loader fails its first 4 calls. Must hold: route A's 3 records
	 * are consumed once (counter = 3), its poison record is dead-lettered once (DLT holds
	 * 1), B's record is written after its retries, and B's retries were counted.
	 */
	@Test
	void aFailingRouteNeitherRepeatsTheOtherRoutesDeadLettersNorRecountsItsRecords() throws Exception {
		String topicA = TestTopics.unique("it.route-a");
		String topicB = TestTopics.unique("it.route-b");
		TestTopics.create(topicA, 1, Map.of());
		TestTopics.create(topicB, 1, Map.of());
		TestTopics.produce(topicA, List.of("k1", "k2", "k3"), List.of("a1", "poison", "a2"));
		TestTopics.produce(topicB, List.of("k4"), List.of("b1"));
		TwoRoutes.failures.set(4);
		ConfigurableApplicationContext context = this.apps.start(TwoRoutes.class, "fleet.routes.a.topics=" + topicA,
				"fleet.routes.a.handler=text", "fleet.routes.a.loaders=a", "fleet.routes.b.topics=" + topicB,
				"fleet.routes.b.handler=text", "fleet.routes.b.loaders=b",
				"spring.kafka.consumer.group-id=" + TestTopics.unique("it-two-routes"));
		MemoryLoader a = context.getBean("aLoader", MemoryLoader.class);
		MemoryLoader b = context.getBean("bLoader", MemoryLoader.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(b.values()).containsExactly("b1");
			assertThat(TestTopics.readAll(topicA + "-dlt")).hasSize(1);
		});
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(a.values()).containsExactly("a1", "a2");
		assertThat(meters.get("fleet.records.consumed").tag("topic", topicA).counter().count()).isEqualTo(3);
		assertThat(meters.get("fleet.records.consumed").tag("topic", topicB).counter().count()).isEqualTo(1);
		assertThat(meters.get("fleet.records.deadlettered").tag("topic", topicA).counter().count()).isEqualTo(1);
		assertThat(meters.get("fleet.batch.retries").counter().count()).isGreaterThanOrEqualTo(4);
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRoutes {

		static final AtomicInteger failures = new AtomicInteger();

		@Bean
		TextHandler textHandler() {
			return new TextHandler();
		}

		@Bean
		MemoryLoader aLoader() {
			return new MemoryLoader("a");
		}

		@Bean
		MemoryLoader bLoader() {
			MemoryLoader loader = new MemoryLoader("b");
			loader.beforeWrite = (records) -> {
				if (failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
					throw new IllegalStateException("b's target is down");
				}
			};
			return loader;
		}

	}

}
