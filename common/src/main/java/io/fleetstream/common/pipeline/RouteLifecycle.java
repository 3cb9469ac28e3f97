package io.fleetstream.common.pipeline;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Hooks for a handler or loader that keeps state per partition, after Kafka Connect's
 * sink task lifecycle (open/close partitions, pre-commit). Every hook runs on the
 * consumer thread that owns the partitions, between batches, so state of one partition is
 * never touched by two threads at once; with concurrency above one, a component sees the
 * calls of each thread for that thread's partitions.
 */
public interface RouteLifecycle {

	/**
	 * The partitions are now this consumer's: load their state in bulk (one pipelined
	 * read, never per record), before the first batch of them arrives.
	 * @return where to start reading each partition, for state that stores its offsets;
	 * partitions left out start at the committed offset (group routes) or at the
	 * beginning (broadcast routes)
	 */
	default Map<TopicPartition, Long> partitionsAssigned(Collection<TopicPartition> partitions) {
		return Map.of();
	}

	/** The partitions are no longer this consumer's: flush or drop their state. */
	default void partitionsRevoked(Collection<TopicPartition> partitions) {
	}

	/**
	 * Every loader has the batch and its offsets are committed (group routes) or it is
	 * fully processed (broadcast routes): the moment to release what was held back until
	 * the batch could no longer be replayed by this consumer, e.g. to mark a notification
	 * key as sent.
	 * @param batch the coordinates of every record of the batch, rejected ones included
	 */
	default void batchCommitted(List<RecordCoordinates> batch) {
	}

	/**
	 * A periodic tick ({@code fleet.pipeline.tick-interval}), also while no records
	 * arrive: for rules that fire without input.
	 * @param now the wall-clock time
	 * @param partitions the partitions this consumer thread owns
	 */
	default void tick(Instant now, Collection<TopicPartition> partitions) {
	}

}
