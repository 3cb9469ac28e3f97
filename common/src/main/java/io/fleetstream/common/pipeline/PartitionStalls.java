package io.fleetstream.common.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;

/**
 * Since when each partition's current batch has been failing: a partition that cannot
 * make progress (a target down, a record nothing can write) shows as
 * {@code fleet_partition_failing_since_seconds} (epoch seconds of the first failed
 * attempt, 0 while batches succeed) and in the {@code consumption} health component.
 */
public final class PartitionStalls {

	private final MeterRegistry registry;

	private final Clock clock;

	private final Map<TopicPartition, Long> failingSinceMs = new ConcurrentHashMap<>();

	private final Map<TopicPartition, String> gauges = new ConcurrentHashMap<>();

	PartitionStalls(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	/** Makes the partitions' gauges exist (at 0) from their assignment on. */
	void track(String route, Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			this.gauges.computeIfAbsent(partition, (tp) -> {
				Gauge
					.builder("fleet.partition.failing.since", this,
							(stalls) -> stalls.failingSinceMs.getOrDefault(tp, 0L) / 1000.0)
					.description("When the partition's current batch first failed (epoch seconds); 0 while its "
							+ "batches succeed")
					.baseUnit("seconds")
					.tags("route", route, "topic", tp.topic(), "partition", String.valueOf(tp.partition()))
					.register(this.registry);
				return route;
			});
		}
	}

	void failed(String route, Collection<TopicPartition> partitions) {
		track(route, partitions);
		long now = this.clock.millis();
		partitions.forEach((partition) -> this.failingSinceMs.putIfAbsent(partition, now));
	}

	void succeeded(Collection<TopicPartition> partitions) {
		if (!this.failingSinceMs.isEmpty()) {
			partitions.forEach(this.failingSinceMs::remove);
		}
	}

	/** Partitions failing for longer than the threshold, with how long, by partition. */
	public Map<String, Duration> stalledLongerThan(Duration threshold) {
		long now = this.clock.millis();
		Map<String, Duration> stalled = new TreeMap<>();
		this.failingSinceMs.forEach((partition, since) -> {
			Duration failing = Duration.ofMillis(now - since);
			if (failing.compareTo(threshold) > 0) {
				stalled.put(partition.toString(), failing);
			}
		});
		return stalled;
	}

}
