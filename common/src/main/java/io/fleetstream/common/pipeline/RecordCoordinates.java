package io.fleetstream.common.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a record came from. A record's coordinates never change, so they make
 * deterministic ids and dedupe keys for what a loader derives from it: a retried or
 * replayed batch yields the same ids again.
 *
 * @param topic the source topic
 * @param partition the source partition
 * @param offset the record's offset in the partition
 * @param key the record's key (may be {@code null})
 * @param timestampMs the record's Kafka timestamp (epoch millis)
 */
public record RecordCoordinates(String topic, int partition, long offset, String key, long timestampMs) {

	public static RecordCoordinates of(ConsumerRecord<String, ?> record) {
		return new RecordCoordinates(record.topic(), record.partition(), record.offset(), record.key(),
				record.timestamp());
	}

	public TopicPartition topicPartition() {
		return new TopicPartition(this.topic, this.partition);
	}

	/**
	 * {@code topic/partition/offset}: unique per record of a cluster, stable across
	 * replays.
	 */
	public String id() {
		return this.topic + '/' + this.partition + '/' + this.offset;
	}

}
