package io.fleetstream.common.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.fleetstream.common.pipeline.LoadRecord;
import io.fleetstream.common.pipeline.LoadResult;
import io.fleetstream.common.pipeline.RecordLoader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * A loader that publishes each value to a Kafka topic, keyed by the source record's key
 * (so one car's records keep their order: same key, same partition, an idempotent
 * producer), with the source's coordinates in the header {@value #SOURCE_HEADER}
 * ({@code topic/partition/offset}).
 * <p>
 * Delivery contract: at least once, with deterministic ids. A batch that is retried after
 * this loader had it is not published again (the pipeline resumes after the last loader
 * that succeeded), but a crash or rebalance before the commit replays it, and a send that
 * timed out may still land: the same record then appears twice with the same key and the
 * same {@value #SOURCE_HEADER}. Consumers drop such duplicates by that header, or, as
 * FleetStream's own do, by comparing event times per key. A transactional producer would
 * not make the route exactly-once either, since the other loaders (Redis) are outside the
 * transaction.
 * <p>
 * A value the broker can never accept (too large, invalid) fails permanently and is
 * dead-lettered; its neighbours are published. Anything else is transient.
 *
 * @param <T> the value type
 */
public class KafkaTopicLoader<T> implements RecordLoader<T> {

	/** The header holding the source record's {@code topic/partition/offset}. */
	public static final String SOURCE_HEADER = "fleet_source";

	private final String name;

	private final Class<T> valueType;

	private final String topic;

	private final KafkaTemplate<String, byte[]> template;

	private final Function<LoadRecord<T>, byte[]> serializer;

	private final Duration timeout;

	/**
	 * @param name the loader's name in routes
	 * @param valueType the values it publishes
	 * @param topic the topic it publishes to
	 * @param template an idempotent producer of string keys and byte values
	 * @param serializer the published bytes of a record
	 * @param timeout how long a batch may wait for the broker's acknowledgements before
	 * it is retried
	 */
	public KafkaTopicLoader(String name, Class<T> valueType, String topic, KafkaTemplate<String, byte[]> template,
			Function<LoadRecord<T>, byte[]> serializer, Duration timeout) {
		this.name = name;
		this.valueType = valueType;
		this.topic = topic;
		this.template = template;
		this.serializer = serializer;
		this.timeout = timeout;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Class<T> valueType() {
		return this.valueType;
	}

	public String topic() {
		return this.topic;
	}

	@Override
	public LoadResult load(List<LoadRecord<T>> records) {
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(records.size());
		for (LoadRecord<T> record : records) {
			RecordHeaders headers = new RecordHeaders();
			headers.add(SOURCE_HEADER, record.source().id().getBytes(StandardCharsets.UTF_8));
			sends.add(send(new ProducerRecord<>(this.topic, null, record.source().key(), this.serializer.apply(record),
					headers)));
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<LoadResult.Failure> failures = new ArrayList<>();
		RuntimeException transientFailure = null;
		for (int i = 0; i < sends.size(); i++) {
			Throwable failure = awaitFailure(sends.get(i), deadline);
			if (failure == null) {
				continue;
			}
			if (isPermanent(failure)) {
				failures.add(new LoadResult.Failure(records.get(i).source(), "kafka-rejected",
						failure.getClass().getSimpleName() + ": " + failure.getMessage()));
			}
			else if (transientFailure == null) {
				transientFailure = new KafkaPublishException(
						"Publishing to " + this.topic + " failed: " + failure.getMessage(), failure);
			}
		}
		if (transientFailure != null) {
			throw transientFailure;
		}
		return LoadResult.failing(failures);
	}

	private CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
		try {
			return this.template.send(record);
		}
		catch (RuntimeException ex) {
			// the producer refuses some records at once (e.g. larger than
			// max.request.size)
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static Throwable awaitFailure(CompletableFuture<?> send, long deadlineNanos) {
		try {
			send.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return rootOf(ex.getCause());
		}
		catch (TimeoutException ex) {
			return ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ex;
		}
	}

	/** The producer's own exception inside spring-kafka's wrappers. */
	private static Throwable rootOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof KafkaException) {
				return cause;
			}
		}
		return failure;
	}

	private static boolean isPermanent(Throwable failure) {
		return failure instanceof RecordTooLargeException || failure instanceof InvalidRecordException
				|| failure instanceof SerializationException;
	}

	/** A transient publish failure: the batch is retried. */
	static final class KafkaPublishException extends RuntimeException {

		KafkaPublishException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
