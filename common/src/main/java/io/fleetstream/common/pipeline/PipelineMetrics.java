package io.fleetstream.common.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The pipeline's meters (names documented in README, "Metrics"). Meters are looked up
 * once per topic, loader and reason and kept, because they are updated for every record.
 */
public class PipelineMetrics {

	private final MeterRegistry registry;

	private final Map<String, TopicMeters> byTopic = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	private final Map<String, List<LoaderMeters>> byRoute = new ConcurrentHashMap<>();

	public PipelineMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	MeterRegistry registry() {
		return this.registry;
	}

	/** Counts a batch once, when it is first received (not again when it is retried). */
	void consumed(List<ConsumerRecord<String, byte[]>> records) {
		String topic = records.get(0).topic();
		int count = 0;
		for (ConsumerRecord<String, byte[]> record : records) {
			if (!record.topic().equals(topic)) {
				consumedByTopic(records);
				return;
			}
			count++;
		}
		topic(topic).received(count);
	}

	private void consumedByTopic(List<ConsumerRecord<String, byte[]>> records) {
		Map<String, Integer> counts = new HashMap<>();
		records.forEach((record) -> counts.merge(record.topic(), 1, Integer::sum));
		counts.forEach((topic, count) -> topic(topic).received(count));
	}

	void rejected(String topic, String reason) {
		this.rejected
			.computeIfAbsent(topic + '\n' + reason,
					(key) -> Counter.builder("fleet.records.rejected")
						.description("Records rejected by a handler or permanently by a loader; each one is "
								+ "published to the dead-letter topic")
						.tags("topic", topic, "reason", reason)
						.register(this.registry))
			.increment();
	}

	void deadLettered(String topic) {
		topic(topic).deadLettered.increment();
	}

	TopicMeters latency(String topic) {
		return topic(topic);
	}

	List<LoaderMeters> loaders(Route<?> route) {
		return this.byRoute.computeIfAbsent(route.name(), (name) -> {
			List<LoaderMeters> meters = new ArrayList<>();
			route.loaders().forEach((loader) -> meters.add(new LoaderMeters(this, route.name(), loader.name())));
			return List.copyOf(meters);
		});
	}

	private TopicMeters topic(String topic) {
		return this.byTopic.computeIfAbsent(topic, (name) -> new TopicMeters(this.registry, name));
	}

	/** A loader's meters within one route. */
	static final class LoaderMeters {

		private final PipelineMetrics metrics;

		private final String loader;

		private final Timer duration;

		private final Map<String, Counter> writtenByTopic = new ConcurrentHashMap<>();

		LoaderMeters(PipelineMetrics metrics, String route, String loader) {
			this.metrics = metrics;
			this.loader = loader;
			this.duration = Timer.builder("fleet.load.duration")
				.description("Time for a loader to write one batch")
				.tags("route", route, "loader", loader)
				.publishPercentileHistogram()
				.register(metrics.registry);
		}

		Timer duration() {
			return this.duration;
		}

		/** Counts the records written: the input but for the ones that failed. */
		<T> void written(List<LoadRecord<T>> input, Set<RecordCoordinates> failed) {
			String topic = input.get(0).source().topic();
			int count = 0;
			for (LoadRecord<T> record : input) {
				if (!record.source().topic().equals(topic)) {
					writtenByTopic(input, failed);
					return;
				}
				count++;
			}
			written(topic).increment(count - failed.size());
		}

		private <T> void writtenByTopic(List<LoadRecord<T>> input, Set<RecordCoordinates> failed) {
			Map<String, Integer> counts = new HashMap<>();
			input.stream()
				.filter((record) -> !failed.contains(record.source()))
				.forEach((record) -> counts.merge(record.source().topic(), 1, Integer::sum));
			counts.forEach((topic, count) -> written(topic).increment(count));
		}

		private Counter written(String topic) {
			return this.writtenByTopic.computeIfAbsent(topic,
					(name) -> Counter.builder("fleet.records.written")
						.description("Records written by a loader")
						.tags("topic", name, "loader", this.loader)
						.register(this.metrics.registry));
		}

	}

	static final class TopicMeters {

		private final Counter consumed;

		private final Counter deadLettered;

		private final DistributionSummary batchSize;

		private final Timer latencyFromEvent;

		private final Timer latencyFromBroker;

		TopicMeters(MeterRegistry registry, String topic) {
			this.consumed = Counter.builder("fleet.records.consumed")
				.description("Records received from Kafka (a retried batch is counted once)")
				.tag("topic", topic)
				.register(registry);
			this.deadLettered = Counter.builder("fleet.records.deadlettered")
				.description("Records published to the dead-letter topic")
				.tag("topic", topic)
				.register(registry);
			this.batchSize = DistributionSummary.builder("fleet.batch.size")
				.description("Records of this topic per consumed batch")
				.tag("topic", topic)
				.publishPercentileHistogram()
				.register(registry);
			this.latencyFromEvent = latency(registry, topic, "event");
			this.latencyFromBroker = latency(registry, topic, "broker");
		}

		private static Timer latency(MeterRegistry registry, String topic, String from) {
			return Timer.builder("fleet.record.latency")
				.description("From the record's event time (from=event) or Kafka timestamp (from=broker) "
						+ "until every loader has written it")
				.tags("topic", topic, "from", from)
				// buckets only: Prometheus computes quantiles across replicas, and
				// client-side percentiles would cost three histogram updates per record
				.publishPercentileHistogram()
				.register(registry);
		}

		void received(int count) {
			this.consumed.increment(count);
			this.batchSize.record(count);
		}

		void record(long nowMs, long eventTimeMs, long brokerTimeMs) {
			this.latencyFromEvent.record(Math.max(0, nowMs - eventTimeMs), TimeUnit.MILLISECONDS);
			this.latencyFromBroker.record(Math.max(0, nowMs - brokerTimeMs), TimeUnit.MILLISECONDS);
		}

	}

}
