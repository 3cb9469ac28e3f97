package io.fleetstream.common.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partition whose state failed to load on assignment, on a topic with no records: its
 * load is retried while the consumer is idle (not only before a next batch that may never
 * come), and it is not ticked before its state is there.
 */
class PendingStateIntegrationTests {

	private final PipelineApps apps = new PipelineApps();

	@AfterEach
	void stop() {
		this.apps.close();
	}

	/**
	 * Injected: the first 3 loads of the partitions' state fail; the topic stays empty.
	 * Must hold: the load succeeds later without any record; ticks then carry both
	 * partitions; no tick ever carried a partition whose state was not loaded at the
	 * time.
	 */
	@Test
	void aFailedStateLoadIsRetriedWhileIdleAndItsPartitionsAreNotTickedBefore() throws Exception {
		String topic = TestTopics.unique("it.pending-state");
		TestTopics.create(topic, 2, Map.of());
		FlakyState.failures.set(3);
		ConfigurableApplicationContext context = this.apps.start(FlakyState.class, "fleet.routes.flaky.topics=" + topic,
				"fleet.routes.flaky.handler=text", "fleet.routes.flaky.loaders=flaky",
				"spring.kafka.consumer.group-id=" + TestTopics.unique("it-pending"),
				"fleet.pipeline.tick-interval=200ms");
		FlakyStateLoader loader = context.getBean(FlakyStateLoader.class);
		Set<TopicPartition> both = Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(loader.ticks)
				.anySatisfy((tick) -> assertThat(tick.partitions()).containsExactlyInAnyOrderElementsOf(both)));

		assertThat(loader.attempts.get()).as("load attempts: 3 failed, then one succeeded").isEqualTo(4);
		assertThat(loader.ticks)
			.allSatisfy((tick) -> assertThat(tick.loadedAtTheTime()).containsAll(tick.partitions()));
	}

	@Configuration(proxyBeanMethods = false)
	static class FlakyState {

		static final AtomicInteger failures = new AtomicInteger();

		@Bean
		TextHandler textHandler() {
			return new TextHandler();
		}

		@Bean
		FlakyStateLoader flakyStateLoader() {
			return new FlakyStateLoader(failures);
		}

	}

	/** State that fails to load a set number of times, and remembers each tick. */
	static final class FlakyStateLoader implements RecordLoader<String>, RouteLifecycle {

		private final AtomicInteger failures;

		final AtomicInteger attempts = new AtomicInteger();

		final Set<TopicPartition> loaded = ConcurrentHashMap.newKeySet();

		final List<Tick> ticks = new CopyOnWriteArrayList<>();

		FlakyStateLoader(AtomicInteger failures) {
			this.failures = failures;
		}

		@Override
		public String name() {
			return "flaky";
		}

		@Override
		public Class<String> valueType() {
			return String.class;
		}

		@Override
		public Map<TopicPartition, Long> partitionsAssigned(Collection<TopicPartition> partitions) {
			this.attempts.incrementAndGet();
			if (this.failures.getAndDecrement() > 0) {
				throw new IllegalStateException("injected: the state store is unreachable");
			}
			this.loaded.addAll(partitions);
			return Map.of();
		}

		@Override
		public void partitionsRevoked(Collection<TopicPartition> partitions) {
			this.loaded.removeAll(partitions);
		}

		@Override
		public void tick(Instant now, Collection<TopicPartition> partitions) {
			this.ticks.add(new Tick(Set.copyOf(partitions), Set.copyOf(this.loaded)));
		}

		@Override
		public LoadResult load(List<LoadRecord<String>> records) {
			return LoadResult.allWritten();
		}

		record Tick(Set<TopicPartition> partitions, Set<TopicPartition> loadedAtTheTime) {
		}

	}

}
