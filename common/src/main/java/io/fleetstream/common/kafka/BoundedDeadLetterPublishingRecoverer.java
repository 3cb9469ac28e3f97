package io.fleetstream.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.SendResult;

/**
 * spring-kafka's dead-letter publisher (same partition of {@code <topic><suffix>}, the
 * {@code kafka_dlt-*} headers) with two bounds it lacks:
 * <ul>
 * <li>size: exception headers are bounded ({@link DeadLetterExceptionHeaders}) and a
 * record that would still be too large for the producer or the topic is cut to fit
 * ({@link DeadLetterRecordFitter}), so a publish never fails for its size, which would be
 * retried forever;</li>
 * <li>time: a publish takes at most {@code fleet.kafka.dead-letter-send-timeout}, broker
 * metadata, partition check and acknowledgement included. spring-kafka's
 * {@code setWaitForSendResultTimeout} is only a floor (it waits at least
 * {@code delivery.timeout.ms} + 5 s, 125 s by default, after {@code send} itself blocked
 * up to {@code max.block.ms}). Here a fifth of the budget (at most 5 s) goes to the
 * partition check on the consumer, the rest to the publish, and the dead-letter producer
 * is configured to give up within it too ({@link #producerOverrides}).</li>
 * </ul>
 */
class BoundedDeadLetterPublishingRecoverer extends DeadLetterPublishingRecoverer {

	private static final Duration LONGEST_PARTITION_CHECK = Duration.ofSeconds(5);

	private final DeadLetterTopicLimits limits;

	private final Duration publishTimeout;

	BoundedDeadLetterPublishingRecoverer(KafkaOperations<?, ?> template, String suffix, DeadLetterTopicLimits limits,
			Duration sendTimeout) {
		super(template, (record, ex) -> new TopicPartition(record.topic() + suffix, record.partition()));
		this.limits = limits;
		Duration partitionCheck = partitionCheckTimeout(sendTimeout);
		this.publishTimeout = sendTimeout.minus(partitionCheck);
		setPartitionInfoTimeout(partitionCheck);
		setExceptionHeadersCreator(new DeadLetterExceptionHeaders());
	}

	/**
	 * The dead-letter producer's settings for a publish budget: {@code send} blocks for
	 * metadata at most the budget ({@code max.block.ms}), and the producer itself gives
	 * up a record within it ({@code delivery.timeout.ms}, which Kafka requires to be at
	 * least {@code linger.ms} + {@code request.timeout.ms}; dead letters are rare, so
	 * they are not held back for batching).
	 * @param producerConfig the configuration the dead-letter producer starts from
	 * @param sendTimeout {@code fleet.kafka.dead-letter-send-timeout}
	 * @return the settings to override
	 */
	static Map<String, Object> producerOverrides(Map<String, Object> producerConfig, Duration sendTimeout) {
		long publishMs = sendTimeout.minus(partitionCheckTimeout(sendTimeout)).toMillis();
		Object configured = producerConfig.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
		long requestTimeoutMs = (configured != null) ? Long.parseLong(configured.toString())
				: ((Number) ProducerConfig.configDef().defaultValues().get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG))
					.longValue();
		Map<String, Object> overrides = new HashMap<>();
		overrides.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishMs);
		overrides.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) publishMs);
		overrides.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(requestTimeoutMs, publishMs));
		return overrides;
	}

	private static Duration partitionCheckTimeout(Duration sendTimeout) {
		Duration fifth = sendTimeout.dividedBy(5);
		return (fifth.compareTo(LONGEST_PARTITION_CHECK) < 0) ? fifth : LONGEST_PARTITION_CHECK;
	}

	@Override
	protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
			TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
		ProducerRecord<Object, Object> deadLetter = super.createProducerRecord(record, topicPartition, headers, key,
				value);
		return DeadLetterRecordFitter.fit(deadLetter, this.limits.maxRecordBytes(topicPartition.topic()));
	}

	@Override
	protected void publish(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> kafkaTemplate,
			ConsumerRecord<?, ?> inRecord) {
		long deadline = System.nanoTime() + this.publishTimeout.toNanos();
		CompletableFuture<SendResult<Object, Object>> result;
		try {
			result = kafkaTemplate.send(outRecord);
		}
		catch (RuntimeException ex) {
			throw failure(outRecord, inRecord, ex);
		}
		try {
			result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure(outRecord, inRecord, ex);
		}
		catch (ExecutionException ex) {
			throw failure(outRecord, inRecord, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw failure(outRecord, inRecord,
					new TimeoutException("not acknowledged within " + this.publishTimeout.toMillis() + " ms"));
		}
	}

	private static KafkaException failure(ProducerRecord<?, ?> outRecord, ConsumerRecord<?, ?> inRecord,
			Throwable cause) {
		return new KafkaException("Dead-letter publication of " + KafkaUtils.format(inRecord) + " to "
				+ outRecord.topic() + "-" + outRecord.partition() + " failed: " + cause, cause);
	}

}
