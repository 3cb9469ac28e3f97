package io.fleetstream.common.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Partition-scoped state through the lifecycle hooks, on the real broker and
 * redis-server: a loader that keeps a running count and sum per key, loaded in bulk when
 * its partitions are assigned, dropped when they are revoked, and stored with the next
 * offset so a replayed record is not counted twice.
 */
class StatefulRouteIntegrationTests {

	private static final int KEYS = 40;

	private final PipelineApps apps = new PipelineApps();

	@AfterEach
	void stop() {
		this.apps.close();
	}

	/**
	 * 5,000 records of 40 keys on 4 partitions. Replica A starts alone; replica B joins
	 * after A has counted at least 500 (a rebalance mid-stream), A leaves after 4,000 (a
	 * second one). Must hold: the state equals the fold of the input and equals the state
	 * of an uninterrupted single replica of another group over the same records; B loaded
	 * the state of the partitions it took over; A released what it gave up.
	 */
	@Test
	void aRebalanceMidStreamYieldsTheSameFinalStateAsAnUninterruptedRun() throws Exception {
		String topic = TestTopics.unique("it.stateful");
		TestTopics.create(topic, 4, Map.of());
		String group = TestTopics.unique("it-stateful");
		List<String> keys = new ArrayList<>();
		List<String> values = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			keys.add("car-" + (i % KEYS));
			values.add(String.valueOf(i % 97));
		}
		TestTopics.produce(topic, keys.subList(0, 2000), values.subList(0, 2000));
		ConfigurableApplicationContext a = this.apps.start(Counting.class, properties(topic, group, "2"));
		CountingLoader loaderA = a.getBean(CountingLoader.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> loaderA.applied.get() >= 500);
		ConfigurableApplicationContext b = this.apps.start(Counting.class, properties(topic, group, "2"));
		CountingLoader loaderB = b.getBean(CountingLoader.class);
		TestTopics.produce(topic, keys.subList(2000, 4000), values.subList(2000, 4000));
		await().atMost(Duration.ofSeconds(60)).until(() -> committed(group, topic) == 4000);
		a.close();
		TestTopics.produce(topic, keys.subList(4000, 5000), values.subList(4000, 5000));
		await().atMost(Duration.ofSeconds(60)).until(() -> committed(group, topic) == 5000);
		assertThat(loaderB.keysLoadedOnAssignment.get()).as("keys B found stored when it was assigned partitions")
			.isPositive();
		assertThat(loaderA.revoked).as("partitions A gave up").isNotEmpty();

		String uninterrupted = TestTopics.unique("it-stateful-whole");
		this.apps.start(Counting.class, properties(topic, uninterrupted, "1"));
		await().atMost(Duration.ofSeconds(60)).until(() -> committed(uninterrupted, topic) == 5000);

		StringRedisTemplate redis = b.getBean(StringRedisTemplate.class);
		Map<String, String> expected = fold(keys, values);
		assertThat(storedState(redis, group, topic)).isEqualTo(expected);
		assertThat(storedState(redis, uninterrupted, topic)).isEqualTo(expected);
	}

	/**
	 * Tick interval 200 ms, no records at all. Must hold: ticks keep coming, each on a
	 * route's consumer thread, with the partitions that thread owns.
	 */
	@Test
	void ticksArriveWithoutRecordsOnTheConsumerThreadWithItsPartitions() throws Exception {
		String topic = TestTopics.unique("it.ticks");
		TestTopics.create(topic, 2, Map.of());
		ConfigurableApplicationContext context = this.apps.start(Counting.class,
				properties(topic, TestTopics.unique("it-ticks"), "1"));
		CountingLoader loader = context.getBean(CountingLoader.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> loader.ticks.size() >= 3);
		assertThat(loader.ticks).allSatisfy((tick) -> {
			assertThat(tick.thread()).startsWith("fleet-route-counts");
			assertThat(tick.partitions()).containsExactlyInAnyOrder(new TopicPartition(topic, 0),
					new TopicPartition(topic, 1));
		});
	}

	private static String[] properties(String topic, String group, String concurrency) {
		return new String[] { "fleet.routes.counts.topics=" + topic, "fleet.routes.counts.handler=text",
				"fleet.routes.counts.loaders=counts", "fleet.routes.counts.consumer.concurrency=" + concurrency,
				"fleet.routes.counts.consumer.max-poll-records=100", "spring.kafka.consumer.group-id=" + group,
				"fleet.pipeline.tick-interval=200ms" };
	}

	private static Map<String, String> fold(List<String> keys, List<String> values) {
		Map<String, long[]> byKey = new TreeMap<>();
		for (int i = 0; i < keys.size(); i++) {
			long[] state = byKey.computeIfAbsent(keys.get(i), (key) -> new long[2]);
			state[0]++;
			state[1] += Long.parseLong(values.get(i));
		}
		Map<String, String> folded = new TreeMap<>();
		byKey.forEach((key, state) -> folded.put(key, state[0] + ":" + state[1]));
		return folded;
	}

	private static Map<String, String> storedState(StringRedisTemplate redis, String group, String topic) {
		Map<String, String> state = new TreeMap<>();
		for (int partition = 0; partition < 4; partition++) {
			redis.<String, String>opsForHash()
				.entries(CountingLoader.key(group, new TopicPartition(topic, partition)))
				.forEach((field, value) -> {
					if (!field.equals(CountingLoader.NEXT_OFFSET)) {
						state.put(field, value);
					}
				});
		}
		return state;
	}

	private static long committed(String group, String topic) throws Exception {
		return TestTopics.committed(group)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().topic().equals(topic))
			.map(Map.Entry::getValue)
			.mapToLong(OffsetAndMetadata::offset)
			.sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class Counting {

		@Bean
		TextHandler textHandler() {
			return new TextHandler();
		}

		@Bean
		CountingLoader countingLoader(StringRedisTemplate redis, Environment env) {
			return new CountingLoader(redis, env.getRequiredProperty("spring.kafka.consumer.group-id"));
		}

	}

	/**
	 * Count and sum per key, per partition, kept in memory and written through to one
	 * Redis hash per partition together with the partition's next offset.
	 */
	static final class CountingLoader implements RecordLoader<String>, RouteLifecycle {

		static final String NEXT_OFFSET = "@next";

		private final StringRedisTemplate redis;

		private final String group;

		private final Map<TopicPartition, Map<String, String>> state = new ConcurrentHashMap<>();

		final AtomicInteger applied = new AtomicInteger();

		final AtomicInteger keysLoadedOnAssignment = new AtomicInteger();

		final List<TopicPartition> revoked = new CopyOnWriteArrayList<>();

		final List<Tick> ticks = new CopyOnWriteArrayList<>();

		CountingLoader(StringRedisTemplate redis, String group) {
			this.redis = redis;
			this.group = group;
		}

		static String key(String group, TopicPartition partition) {
			return "it:counts:" + group + ":" + partition.topic() + ":" + partition.partition();
		}

		@Override
		public String name() {
			return "counts";
		}

		@Override
		public Class<String> valueType() {
			return String.class;
		}

		@Override
		public Map<TopicPartition, Long> partitionsAssigned(Collection<TopicPartition> partitions) {
			List<TopicPartition> ordered = List.copyOf(partitions);
			// one pipelined read for all the partitions
			List<Object> stored = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
				ordered
					.forEach((partition) -> connection.hashCommands().hGetAll(key(this.group, partition).getBytes()));
				return null;
			});
			for (int i = 0; i < ordered.size(); i++) {
				@SuppressWarnings("unchecked")
				Map<String, String> hash = new HashMap<>((Map<String, String>) stored.get(i));
				this.keysLoadedOnAssignment.addAndGet(Math.max(0, hash.size() - 1));
				this.state.put(ordered.get(i), hash);
			}
			return Map.of();
		}

		@Override
		public void partitionsRevoked(Collection<TopicPartition> partitions) {
			partitions.forEach(this.state::remove);
			this.revoked.addAll(partitions);
		}

		@Override
		public void tick(Instant now, Collection<TopicPartition> partitions) {
			this.ticks.add(new Tick(Thread.currentThread().getName(), Set.copyOf(partitions)));
		}

		@Override
		public LoadResult load(List<LoadRecord<String>> records) {
			Map<TopicPartition, Map<String, String>> changed = new HashMap<>();
			for (LoadRecord<String> record : records) {
				TopicPartition partition = record.source().topicPartition();
				Map<String, String> partitionState = this.state.get(partition);
				if (partitionState == null) {
					throw new IllegalStateException("No state loaded for " + partition);
				}
				long next = Long.parseLong(partitionState.getOrDefault(NEXT_OFFSET, "0"));
				if (record.source().offset() < next) {
					continue;
				}
				String[] current = partitionState.getOrDefault(record.source().key(), "0:0").split(":");
				String updated = (Long.parseLong(current[0]) + 1) + ":"
						+ (Long.parseLong(current[1]) + Long.parseLong(record.value()));
				partitionState.put(record.source().key(), updated);
				partitionState.put(NEXT_OFFSET, String.valueOf(record.source().offset() + 1));
				changed.computeIfAbsent(partition, (tp) -> new HashMap<>()).put(record.source().key(), updated);
				this.applied.incrementAndGet();
			}
			changed.forEach((partition, updates) -> {
				updates.put(NEXT_OFFSET, this.state.get(partition).get(NEXT_OFFSET));
				this.redis.opsForHash().putAll(key(this.group, partition), updates);
			});
			return LoadResult.allWritten();
		}

		record Tick(String thread, Set<TopicPartition> partitions) {
		}

	}

}
