package io.fleetstream.common.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a broadcast route has read everything its topics held when it started: each
 * partition is caught up once the route has processed up to the partition's end offset of
 * that moment (or starts at or beyond it). Routes that start after it wait for this.
 */
final class CatchUp {

	private final Map<TopicPartition, Long> targets;

	private final Map<TopicPartition, Long> reached = new ConcurrentHashMap<>();

	private volatile boolean caughtUp;

	/**
	 * @param targets the end offset of every partition of the route's topics at start
	 * @param earliest the earliest offset still held by each partition
	 */
	CatchUp(Map<TopicPartition, Long> targets, Map<TopicPartition, Long> earliest) {
		this.targets = Map.copyOf(targets);
		this.reached.putAll(earliest);
	}

	/** The partition's reading starts here (a position the route's state gave). */
	void startsAt(TopicPartition partition, long offset) {
		this.reached.merge(partition, offset, Math::max);
	}

	void processed(ConsumerRecord<?, ?> last) {
		this.reached.merge(new TopicPartition(last.topic(), last.partition()), last.offset() + 1, Math::max);
	}

	/** Checks, and remembers once true: a caught-up route stays caught up. */
	boolean isCaughtUp() {
		if (!this.caughtUp) {
			this.caughtUp = this.targets.entrySet()
				.stream()
				.allMatch((target) -> this.reached.getOrDefault(target.getKey(), 0L) >= target.getValue());
		}
		return this.caughtUp;
	}

	/** Partitions still behind, with how many records. */
	Map<TopicPartition, Long> behind() {
		Map<TopicPartition, Long> behind = new ConcurrentHashMap<>();
		this.targets.forEach((partition, target) -> {
			long lag = target - this.reached.getOrDefault(partition, 0L);
			if (lag > 0) {
				behind.put(partition, lag);
			}
		});
		return behind;
	}

}
