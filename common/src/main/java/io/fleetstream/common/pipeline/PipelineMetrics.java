package io.fleetstream.common.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The pipeline's meters (names documented in README, "Metrics"). Meters are looked up
 * once per topic and kept, because they are updated for every record.
 */
public class PipelineMetrics {

	private final MeterRegistry registry;

	private final Map<String, TopicMeters> byTopic = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	public PipelineMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	TopicMeters topic(String topic, String loader) {
		return this.byTopic.computeIfAbsent(topic, (name) -> new TopicMeters(this.registry, name, loader));
	}

	void rejected(String topic, String reason) {
		this.rejected
			.computeIfAbsent(topic + '\n' + reason,
					(key) -> Counter.builder("fleet.records.rejected")
						.description("Records rejected by validation and sent to the dead-letter topic")
						.tags("topic", topic, "reason", reason)
						.register(this.registry))
			.increment();
	}

	static final class TopicMeters {

		final Counter consumed;

		final Counter written;

		final Counter deadLettered;

		final DistributionSummary batchSize;

		final Timer loadDuration;

		final Timer latencyFromEvent;

		final Timer latencyFromBroker;

		TopicMeters(MeterRegistry registry, String topic, String loader) {
			this.consumed = Counter.builder("fleet.records.consumed")
				.description("Records received from Kafka")
				.tag("topic", topic)
				.register(registry);
			this.written = Counter.builder("fleet.records.written")
				.description("Records written by the route's loader")
				.tags("topic", topic, "loader", loader)
				.register(registry);
			this.deadLettered = Counter.builder("fleet.records.deadlettered")
				.description("Records published to the dead-letter topic")
				.tag("topic", topic)
				.register(registry);
			this.batchSize = DistributionSummary.builder("fleet.batch.size")
				.description("Records per consumed batch")
				.tag("topic", topic)
				.publishPercentileHistogram()
				.register(registry);
			this.loadDuration = Timer.builder("fleet.load.duration")
				.description("Time to write one batch with the loader")
				.tags("topic", topic, "loader", loader)
				.publishPercentileHistogram()
				.register(registry);
			this.latencyFromEvent = latency(registry, topic, "event");
			this.latencyFromBroker = latency(registry, topic, "broker");
		}

		private static Timer latency(MeterRegistry registry, String topic, String from) {
			return Timer.builder("fleet.record.latency")
				.description("From the record's event time (from=event) or Kafka timestamp (from=broker) "
						+ "until it is written")
				.tags("topic", topic, "from", from)
				// buckets only: Prometheus computes quantiles across replicas, and
				// client-side
				// percentiles would cost three histogram updates per record
				.publishPercentileHistogram()
				.register(registry);
		}

		void recordLatency(long nowMs, long eventTimeMs, long brokerTimeMs) {
			this.latencyFromEvent.record(Math.max(0, nowMs - eventTimeMs), TimeUnit.MILLISECONDS);
			this.latencyFromBroker.record(Math.max(0, nowMs - brokerTimeMs), TimeUnit.MILLISECONDS);
		}

	}

}
