package io.fleetstream.common.pipeline;

import java.util.List;

/**
 * A named target that writes a batch of values, idempotently: writing the same batch
 * twice (as at-least-once delivery may) leaves the same state as writing it once.
 *
 * @param <T> the value type
 */
public interface RecordLoader<T> {

	/** The name routes refer to in {@code fleet.routes.<route>.loader}. */
	String name();

	Class<T> valueType();

	/**
	 * Writes the batch and returns only once it is durably applied. Any exception is
	 * treated as transient: the whole batch is retried with back-off.
	 */
	void load(List<T> values);

}
