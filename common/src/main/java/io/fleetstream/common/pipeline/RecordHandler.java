package io.fleetstream.common.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A named, per-topic transform from a raw record to a validated, typed value. Handlers
 * never throw for bad input: they reject with a reason, and the record goes to the
 * dead-letter topic with that reason.
 *
 * @param <T> the value type
 */
public interface RecordHandler<T> {

	/** The name routes refer to in {@code fleet.routes.<route>.handler}. */
	String name();

	/** The type of the values, checked against the loader's at start-up. */
	Class<T> valueType();

	Handled<T> handle(ConsumerRecord<String, byte[]> record);

}
