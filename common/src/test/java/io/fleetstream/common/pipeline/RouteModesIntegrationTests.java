package io.fleetstream.common.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

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
 * Route modes on the real broker: broadcast routes read every partition in every replica,
 * with no consumer group; a route that starts after a broadcast route waits until it is
 * caught up, with readiness DOWN meanwhile.
 */
class RouteModesIntegrationTests {

	private final PipelineApps apps = new PipelineApps();

	@AfterEach
	void stop() {
		this.apps.close();
	}

	/**
	 * 30 records on 3 partitions before start; two replicas, then a third started after
	 * the first two have read everything. Must hold: each replica holds all 30, and the
	 * service's consumer group has no offsets of the topic (nothing was committed).
	 */
	@Test
	void broadcastRouteReadsEveryPartitionInEveryReplicaWithoutAConsumerGroup() throws Exception {
		String topic = TestTopics.unique("it.broadcast");
		String group = TestTopics.unique("it-broadcast-group");
		TestTopics.create(topic, 3, Map.of());
		List<String> values = IntStream.range(0, 30).mapToObj((i) -> "v" + i).toList();
		TestTopics.produce(topic, values.stream().map((value) -> "k-" + value).toList(), values);
		String[] properties = { "fleet.routes.snapshot.topics=" + topic, "fleet.routes.snapshot.handler=text",
				"fleet.routes.snapshot.loaders=memory", "fleet.routes.snapshot.mode=broadcast",
				"spring.kafka.consumer.group-id=" + group };
		MemoryLoader first = loader(this.apps.start(OneLoader.class, properties));
		MemoryLoader second = loader(this.apps.start(OneLoader.class, properties));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(first.values()).containsExactlyInAnyOrderElementsOf(values);
			assertThat(second.values()).containsExactlyInAnyOrderElementsOf(values);
		});
		MemoryLoader third = loader(this.apps.start(OneLoader.class, properties));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(third.values()).containsExactlyInAnyOrderElementsOf(values));
		assertThat(TestTopics.committed(group)).as("offsets committed by group %s", group).isEmpty();
	}

	/**
	 * 20 snapshot records; the snapshot loader is held at its first batch. Must hold:
	 * while it is held, readiness is DOWN and the join route is not started; once
	 * released, the join route's first batch finds all 20 snapshot records loaded, and
	 * readiness is UP.
	 */
	@Test
	void routeThatStartsAfterASnapshotWaitsUntilItIsCaughtUpWithReadinessDown() throws Exception {
		String snapshotTopic = TestTopics.unique("it.snapshot");
		String joinTopic = TestTopics.unique("it.join");
		TestTopics.create(snapshotTopic, 2, Map.of());
		TestTopics.create(joinTopic, 2, Map.of());
		List<String> rows = IntStream.range(0, 20).mapToObj((i) -> "row" + i).toList();
		TestTopics.produce(snapshotTopic, rows, rows);
		TestTopics.produce(joinTopic, List.of("a", "b", "c"), List.of("e1", "e2", "e3"));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch held = new CountDownLatch(1);
		SnapshotAndJoin.holdSnapshot = (records) -> {
			held.countDown();
			awaitRelease(release);
		};
		ConfigurableApplicationContext context = this.apps.start(SnapshotAndJoin.class,
				"fleet.routes.snapshot.topics=" + snapshotTopic, "fleet.routes.snapshot.handler=text",
				"fleet.routes.snapshot.loaders=snapshot", "fleet.routes.snapshot.mode=broadcast",
				"fleet.routes.join.topics=" + joinTopic, "fleet.routes.join.handler=text",
				"fleet.routes.join.loaders=join", "fleet.routes.join.start-after=snapshot",
				"spring.kafka.consumer.group-id=" + TestTopics.unique("it-join"));
		assertThat(held.await(30, TimeUnit.SECONDS)).as("the snapshot route received its first batch").isTrue();
		Health waiting = context.getBean("routesHealthIndicator", HealthIndicator.class).health(true);
		assertThat(waiting.getStatus()).isEqualTo(Status.DOWN);
		assertThat(waiting.getDetails()).containsEntry("join", "waiting for route 'snapshot' to catch up");
		assertThat(context.getBean(RouteContainers.class).started()).containsOnlyKeys("snapshot");
		release.countDown();
		MemoryLoader snapshot = context.getBean("snapshotLoader", MemoryLoader.class);
		JoinLoader join = context.getBean(JoinLoader.class);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(join.values()).containsExactlyInAnyOrder("e1", "e2", "e3"));
		assertThat(join.snapshotSizeAtFirstBatch.get()).isEqualTo(20);
		assertThat(snapshot.values()).hasSize(20);
		assertThat(context.getBean("routesHealthIndicator", HealthIndicator.class).health().getStatus())
			.isEqualTo(Status.UP);
	}

	@Test
	void anEmptySnapshotTopicIsCaughtUpAtOnce() throws Exception {
		String snapshotTopic = TestTopics.unique("it.empty-snapshot");
		String joinTopic = TestTopics.unique("it.join");
		TestTopics.create(snapshotTopic, 2, Map.of());
		TestTopics.create(joinTopic, 1, Map.of());
		TestTopics.produce(joinTopic, List.of("a"), List.of("e1"));
		SnapshotAndJoin.holdSnapshot = (records) -> {
		};
		ConfigurableApplicationContext context = this.apps.start(SnapshotAndJoin.class,
				"fleet.routes.snapshot.topics=" + snapshotTopic, "fleet.routes.snapshot.handler=text",
				"fleet.routes.snapshot.loaders=snapshot", "fleet.routes.snapshot.mode=broadcast",
				"fleet.routes.join.topics=" + joinTopic, "fleet.routes.join.handler=text",
				"fleet.routes.join.loaders=join", "fleet.routes.join.start-after=snapshot",
				"spring.kafka.consumer.group-id=" + TestTopics.unique("it-join"));
		JoinLoader join = context.getBean(JoinLoader.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(join.values()).containsExactly("e1"));
		assertThat(join.snapshotSizeAtFirstBatch.get()).isZero();
	}

	private static MemoryLoader loader(ConfigurableApplicationContext context) {
		return context.getBean(MemoryLoader.class);
	}

	private static void awaitRelease(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OneLoader {

		@Bean
		TextHandler textHandler() {
			return new TextHandler();
		}

		@Bean
		MemoryLoader memoryLoader() {
			return new MemoryLoader("memory");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SnapshotAndJoin {

		static volatile java.util.function.Consumer<List<LoadRecord<String>>> holdSnapshot;

		@Bean
		TextHandler textHandler() {
			return new TextHandler();
		}

		@Bean
		MemoryLoader snapshotLoader() {
			MemoryLoader loader = new MemoryLoader("snapshot");
			loader.beforeWrite = (records) -> holdSnapshot.accept(records);
			return loader;
		}

		@Bean
		JoinLoader joinLoader(MemoryLoader snapshotLoader) {
			return new JoinLoader(snapshotLoader);
		}

	}

	/** Notes how much of the snapshot was loaded when the first join batch came. */
	static final class JoinLoader extends MemoryLoader {

		final AtomicInteger snapshotSizeAtFirstBatch = new AtomicInteger(-1);

		JoinLoader(MemoryLoader snapshot) {
			super("join");
			this.beforeWrite = (records) -> this.snapshotSizeAtFirstBatch.compareAndSet(-1, snapshot.written.size());
		}

	}

}
