package io.fleetstream.common.pipeline;

import java.util.List;

/**
 * A named target that writes a batch of values, idempotently: writing the same batch
 * twice (as at-least-once delivery may, after a retry, a crash or a rebalance) leaves the
 * same state as writing it once. Several loaders may serve one route; the batch is
 * committed only once every one of them has it.
 *
 * @param <T> the value type
 */
public interface RecordLoader<T> {

	/** The name routes refer to in {@code fleet.routes.<route>.loaders}. */
	String name();

	Class<T> valueType();

	/**
	 * Writes the batch and returns only once it is durably applied. A record that can
	 * never be written is reported in the result (it is dead-lettered, its neighbours
	 * stay written); any exception is treated as transient: the batch is retried with
	 * back-off, from this loader on.
	 * @param records the accepted records, in the order they were consumed
	 */
	LoadResult load(List<LoadRecord<T>> records);

}
