package io.fleetstream.common.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.StringUtils;

/**
 * Publishes a rejected record to its dead-letter topic through the dead-letter publisher,
 * so every dead-lettered record carries the same headers: spring-kafka's
 * {@code kafka_dlt-*} (exception class and message, original topic, partition, offset,
 * timestamp and, when the record was consumed in a group, the group) plus
 * {@value RecordRejectedException#REASON_HEADER} with the reason code. Returns only once
 * the broker has acknowledged the record, and within
 * {@code fleet.kafka.dead-letter-send-timeout}; throws otherwise.
 */
public class DeadLetters {

	private final DeadLetterPublishingRecoverer recoverer;

	public DeadLetters(DeadLetterPublishingRecoverer recoverer) {
		this.recoverer = recoverer;
	}

	/**
	 * @param record the rejected record
	 * @param consumer the consumer that received it, or {@code null} (then there is no
	 * group header and no check that the dead-letter partition exists)
	 * @param reason the reason code
	 * @param detail what was wrong, naming the offending value
	 */
	public void send(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, String reason, String detail) {
		Exception rejection = new RecordRejectedException(reason, detail);
		String group = groupId(consumer);
		// spring-kafka takes the group header from the exception a listener container
		// raises, so the rejection is wrapped the way the container would wrap it
		this.recoverer.accept(record, consumer, (group != null)
				? new ListenerExecutionFailedException("Record rejected", group, rejection) : rejection);
	}

	private static String groupId(Consumer<?, ?> consumer) {
		if (consumer == null) {
			return null;
		}
		try {
			String group = consumer.groupMetadata().groupId();
			return StringUtils.hasText(group) ? group : null;
		}
		catch (KafkaException ex) {
			// a consumer without group.id (manual assignment) has no group metadata
			return null;
		}
	}

}
