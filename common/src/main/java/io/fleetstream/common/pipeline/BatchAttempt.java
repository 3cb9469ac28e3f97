package io.fleetstream.common.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What has been done so far for one batch, kept across the error handler's retries of
 * that batch: the handled records, which loaders have written it, which rejections are
 * already dead-lettered. A retry resumes where the failed attempt stopped, so a rejection
 * is published once and the batch is counted once, however often a later step fails.
 */
final class BatchAttempt<T> {

	private final Identity identity;

	private final List<ConsumerRecord<String, byte[]>> records;

	List<LoadRecord<T>> accepted;

	final List<Rejection> rejections = new ArrayList<>();

	final Set<RecordCoordinates> failedPermanently = new HashSet<>();

	int loadersDone;

	boolean latencyRecorded;

	int rejectionsPublished;

	BatchAttempt(List<ConsumerRecord<String, byte[]>> records) {
		this.identity = Identity.of(records);
		this.records = records;
	}

	/** The consumed record at these coordinates (a linear scan: failures are rare). */
	ConsumerRecord<String, byte[]> record(RecordCoordinates source) {
		for (ConsumerRecord<String, byte[]> record : this.records) {
			if (record.offset() == source.offset() && record.partition() == source.partition()
					&& record.topic().equals(source.topic())) {
				return record;
			}
		}
		throw new IllegalArgumentException("No record at " + source.id() + " in this batch");
	}

	/** The accepted records no loader has failed permanently. */
	List<LoadRecord<T>> loadable() {
		return this.failedPermanently.isEmpty() ? this.accepted
				: this.accepted.stream().filter((record) -> !this.failedPermanently.contains(record.source())).toList();
	}

	boolean isFor(List<ConsumerRecord<String, byte[]>> records) {
		return this.identity.equals(Identity.of(records));
	}

	/**
	 * @param record the rejected record
	 * @param reason the reason code
	 * @param detail the explanation
	 */
	record Rejection(ConsumerRecord<String, byte[]> record, String reason, String detail) {
	}

	/**
	 * A batch is the same batch again when it has the same records: same size, same first
	 * and last coordinates (a retried batch is redelivered exactly, a new poll after a
	 * rebalance may start elsewhere).
	 */
	private record Identity(int size, String firstTopic, int firstPartition, long firstOffset, String lastTopic,
			int lastPartition, long lastOffset) {

		static Identity of(List<ConsumerRecord<String, byte[]>> records) {
			ConsumerRecord<String, byte[]> first = records.get(0);
			ConsumerRecord<String, byte[]> last = records.get(records.size() - 1);
			return new Identity(records.size(), first.topic(), first.partition(), first.offset(), last.topic(),
					last.partition(), last.offset());
		}

	}

}
