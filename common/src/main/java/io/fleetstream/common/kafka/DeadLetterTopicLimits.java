package io.fleetstream.common.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The largest record each dead-letter topic accepts: the smaller of the dead-letter
 * producer's {@code max.request.size} and the topic's {@code max.message.bytes}, which
 * the topic check reads at start-up. Until a topic's limit is known (or when the broker
 * does not let the service read topic configurations), the broker's default
 * {@code message.max.bytes} is assumed.
 */
public final class DeadLetterTopicLimits {

	/** Kafka's default {@code message.max.bytes} (1 MiB plus the batch header). */
	static final int BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1048588;

	private final int maxRequestSize;

	private final Map<String, Integer> maxMessageBytes = new ConcurrentHashMap<>();

	DeadLetterTopicLimits(int maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	int maxRecordBytes(String topic) {
		return Math.min(this.maxRequestSize,
				this.maxMessageBytes.getOrDefault(topic, BROKER_DEFAULT_MAX_MESSAGE_BYTES));
	}

	void maxMessageBytes(String topic, int bytes) {
		this.maxMessageBytes.put(topic, bytes);
	}

}
