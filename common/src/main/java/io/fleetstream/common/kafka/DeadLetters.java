package io.fleetstream.common.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Publishes a rejected record to its dead-letter topic through the same recoverer the
 * error handler uses, so every dead-lettered record carries the same headers:
 * spring-kafka's {@code kafka_dlt-*} (exception class and message, original topic,
 * partition, offset, timestamp, group) plus
 * {@value RecordRejectedException#REASON_HEADER} with the reason code. Returns only once
 * the broker has acknowledged the record.
 */
public class DeadLetters {

	private final DeadLetterPublishingRecoverer recoverer;

	public DeadLetters(DeadLetterPublishingRecoverer recoverer) {
		this.recoverer = recoverer;
	}

	public void send(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, String reason, String detail) {
		this.recoverer.accept(record, consumer, new RecordRejectedException(reason, detail));
	}

}
